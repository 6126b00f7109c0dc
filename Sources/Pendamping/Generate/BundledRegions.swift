/// A small region table written by the project (Jakarta Barat kecamatan; Jawa Barat and
/// Kalimantan Tengah kabupaten/kota with their capitals' approximate coordinates and rounded
/// populations), used by `generate` when no `--regions` file is given.
enum BundledRegions {
    static let csv = """
code,level,parent,name,lat,lon,coord_source,population,area_km2
31,1,,DKI Jakarta,-6.2000,106.8200,province,10600000,660
31.73,2,31,Kota Administrasi Jakarta Barat,-6.1680,106.7600,regency,2430000,125
31.73.01,3,31.73,Cengkareng,-6.1487,106.7353,district,,
31.73.02,3,31.73,Grogol Petamburan,-6.1623,106.7883,district,,
31.73.03,3,31.73,Taman Sari,-6.1452,106.8176,district,,
31.73.04,3,31.73,Tambora,-6.1469,106.8036,district,,
31.73.05,3,31.73,Kebon Jeruk,-6.1959,106.7736,district,,
31.73.06,3,31.73,Kalideres,-6.1343,106.7058,district,,
31.73.07,3,31.73,Palmerah,-6.1901,106.7972,district,,
31.73.08,3,31.73,Kembangan,-6.1912,106.7423,district,,
32,1,,Jawa Barat,-6.9000,107.6000,province,49900000,35378
32.01,2,32,Kabupaten Bogor,-6.4800,106.8300,regency,5400000,2990
32.02,2,32,Kabupaten Sukabumi,-6.9900,106.7200,regency,2700000,4160
32.03,2,32,Kabupaten Cianjur,-6.8170,107.1420,regency,2500000,3630
32.04,2,32,Kabupaten Bandung,-7.0250,107.5190,regency,3600000,1740
32.05,2,32,Kabupaten Garut,-7.2170,107.9000,regency,2600000,3100
32.15,2,32,Kabupaten Karawang,-6.3050,107.3060,regency,2400000,1920
32.16,2,32,Kabupaten Bekasi,-6.2610,107.1520,regency,3100000,1255
32.71,2,32,Kota Bogor,-6.5950,106.8160,regency,1050000,111
32.73,2,32,Kota Bandung,-6.9170,107.6190,regency,2450000,167
32.75,2,32,Kota Bekasi,-6.2380,106.9750,regency,2540000,213
32.76,2,32,Kota Depok,-6.4020,106.7940,regency,2060000,200
32.78,2,32,Kota Tasikmalaya,-7.3270,108.2200,regency,720000,183
62,1,,Kalimantan Tengah,-1.6800,113.3800,province,2670000,153565
62.01,2,62,Kabupaten Kotawaringin Barat,-2.6830,111.6270,regency,270000,9476
62.02,2,62,Kabupaten Kotawaringin Timur,-2.5330,112.9500,regency,430000,15542
62.03,2,62,Kabupaten Kapuas,-3.0000,114.3830,regency,410000,17034
62.04,2,62,Kabupaten Barito Selatan,-1.7130,114.8470,regency,130000,6267
62.05,2,62,Kabupaten Barito Utara,-0.9500,114.8940,regency,150000,9985
62.06,2,62,Kabupaten Katingan,-1.8830,113.4000,regency,160000,20381
62.07,2,62,Kabupaten Seruyan,-3.3830,112.5500,regency,160000,15212
62.08,2,62,Kabupaten Sukamara,-2.6280,111.2370,regency,60000,3310
62.09,2,62,Kabupaten Lamandau,-2.0500,111.1670,regency,100000,7632
62.10,2,62,Kabupaten Gunung Mas,-1.1170,113.8670,regency,130000,9306
62.11,2,62,Kabupaten Pulang Pisau,-2.7500,114.2500,regency,130000,9650
62.12,2,62,Kabupaten Murung Raya,-0.6330,114.5670,regency,110000,23575
62.13,2,62,Kabupaten Barito Timur,-2.0670,115.1670,regency,120000,3213
62.71,2,62,Kota Palangka Raya,-2.2100,113.9200,regency,290000,2849
"""
}
