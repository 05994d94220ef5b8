/* Wine stand-in (test scaffolding, never shipped): Windows 10's bcryptprimitives.dll exports
 * ProcessPrng, which the Rust standard library (used by `cryptography`) calls for random bytes.
 * Wine 8 has no such DLL. This one answers from RtlGenRandom (advapi32's SystemFunction036),
 * the same system CSPRNG. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
