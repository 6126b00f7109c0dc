/* GLPK's public header, installed by Debian's libglpk-dev into the default include path. */
#include <glpk.h>
