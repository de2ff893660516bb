/* gw200-fieldd: the GW-200's field-bus daemon (the example's C part; see ../CMakeLists.txt). */
#include <stdio.h>

#include <mbedtls/version.h>
#include <zlib.h>

int main(void)
{
	char v[18];
	mbedtls_version_get_string(v);
	printf("gw200-fieldd 3.2.0 (Mbed TLS %s, zlib %s)\n", v, zlibVersion());
	return 0;
}
