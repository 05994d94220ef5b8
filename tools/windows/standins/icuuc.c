/* Wine stand-in (test scaffolding, never shipped): Qt 6's QtCore imports the system ICU
 * (icuuc.dll, part of Windows 10 since 1903) for legacy text codecs only. Wine 8 has no ICU, so
 * QtCore would not load at all. This stand-in exports the converter functions QtCore imports and
 * says "no such converter": Qt then uses its built-in UTF-8/UTF-16/Latin-1 codecs, which are all
 * the app uses. */
#include <stdint.h>
#include <stddef.h>

typedef int UErrorCode;
typedef uint16_t UChar;
#define U_FILE_ACCESS_ERROR 4
#define U_UNSUPPORTED_ERROR 16
#define EXPORT __declspec(dllexport)

static void fail(UErrorCode *err) { if (err && *err <= 0) *err = U_UNSUPPORTED_ERROR; }

EXPORT void *ucnv_open(const char *name, UErrorCode *err) { (void)name; if (err) *err = U_FILE_ACCESS_ERROR; return NULL; }
EXPORT void ucnv_close(void *cnv) { (void)cnv; }
EXPORT void ucnv_reset(void *cnv) { (void)cnv; }
EXPORT int8_t ucnv_getMaxCharSize(const void *cnv) { (void)cnv; return 1; }
EXPORT const char *ucnv_getName(const void *cnv, UErrorCode *err) { (void)cnv; fail(err); return ""; }
EXPORT void ucnv_getToUCallBack(const void *cnv, void **action, const void **context) { (void)cnv; if (action) *action = NULL; if (context) *context = NULL; }
EXPORT void ucnv_getFromUCallBack(const void *cnv, void **action, const void **context) { (void)cnv; if (action) *action = NULL; if (context) *context = NULL; }
EXPORT void ucnv_setToUCallBack(void *cnv, void *n, const void *c, void **o, const void **oc, UErrorCode *err) { (void)cnv; (void)n; (void)c; if (o) *o = NULL; if (oc) *oc = NULL; fail(err); }
EXPORT void ucnv_setFromUCallBack(void *cnv, void *n, const void *c, void **o, const void **oc, UErrorCode *err) { (void)cnv; (void)n; (void)c; if (o) *o = NULL; if (oc) *oc = NULL; fail(err); }
EXPORT void ucnv_cbToUWriteUChars(void *args, const UChar *s, int32_t len, int32_t off, UErrorCode *err) { (void)args; (void)s; (void)len; (void)off; fail(err); }
EXPORT void ucnv_cbFromUWriteUChars(void *args, const UChar **s, const UChar *end, int32_t off, UErrorCode *err) { (void)args; (void)s; (void)end; (void)off; fail(err); }
EXPORT void ucnv_toUnicode(void *cnv, UChar **t, const UChar *te, const char **s, const char *se, int32_t *off, int8_t flush, UErrorCode *err) { (void)cnv; (void)t; (void)te; (void)s; (void)se; (void)off; (void)flush; fail(err); }
EXPORT void ucnv_fromUnicode(void *cnv, char **t, const char *te, const UChar **s, const UChar *se, int32_t *off, int8_t flush, UErrorCode *err) { (void)cnv; (void)t; (void)te; (void)s; (void)se; (void)off; (void)flush; fail(err); }
EXPORT int32_t ucnv_toUCountPending(const void *cnv, UErrorCode *err) { (void)cnv; (void)err; return 0; }
EXPORT int32_t ucnv_fromUCountPending(const void *cnv, UErrorCode *err) { (void)cnv; (void)err; return 0; }
EXPORT const char *ucnv_getStandardName(const char *name, const char *std, UErrorCode *err) { (void)name; (void)std; (void)err; return NULL; }
EXPORT const char *ucnv_getAvailableName(int32_t n) { (void)n; return NULL; }
EXPORT int32_t ucnv_countAvailable(void) { return 0; }
EXPORT void UCNV_FROM_U_CALLBACK_SUBSTITUTE(const void *c, void *a, const UChar *cu, int32_t l, int32_t cp, int r, UErrorCode *err) { (void)c; (void)a; (void)cu; (void)l; (void)cp; (void)r; fail(err); }
EXPORT void UCNV_TO_U_CALLBACK_SUBSTITUTE(const void *c, void *a, const char *cb, int32_t l, int r, UErrorCode *err) { (void)c; (void)a; (void)cb; (void)l; (void)r; fail(err); }
