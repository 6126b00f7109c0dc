/* OpenSSL's libcrypto digests, installed by Debian's libssl-dev into the default include path. */
#include <openssl/sha.h>
