/*
 * banned.h - functions we do not call (git's banned.h). Included last by every .c file through
 * base.h; a use is a compile error that names the function.
 */
#ifndef CRK_BASE_BANNED_H
#define CRK_BASE_BANNED_H

#define CRK_BANNED(func) sorry_##func##_is_a_banned_function

#undef strcpy
#define strcpy(x, y) CRK_BANNED(strcpy)
#undef strcat
#define strcat(x, y) CRK_BANNED(strcat)
#undef strncpy
#define strncpy(x, y, n) CRK_BANNED(strncpy)
#undef strncat
#define strncat(x, y, n) CRK_BANNED(strncat)
#undef sprintf
#define sprintf(...) CRK_BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) CRK_BANNED(vsprintf)
#undef strtok
#define strtok(x, y) CRK_BANNED(strtok)
#undef gets
#define gets(x) CRK_BANNED(gets)
#undef atoi
#define atoi(x) CRK_BANNED(atoi)
#undef atol
#define atol(x) CRK_BANNED(atol)

#endif
