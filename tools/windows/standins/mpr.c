/* Wine stand-in (test scaffolding, never shipped), used only while the installer and the
 * uninstaller run (WINEDLLOVERRIDES=mpr=n), 32-bit like them.
 *
 * Inno Setup's per-user install folder {autopf} is FOLDERID_UserProgramFiles, which Wine before
 * 10.14 does not know (bug 58169): SHGetKnownFolderPath answers E_INVALIDARG and setup stops with
 * 'Failed to expand shell folder constant "autopf"'. Setup imports mpr.dll, so this DLL is loaded
 * before setup runs. It answers the five mpr functions setup imports with "no network", and it
 * wraps the SHGetKnownFolderPath that setup fetches with GetProcAddress so that
 * FOLDERID_UserProgramFiles is %LOCALAPPDATA%\Programs, as on Windows. Every other folder is
 * answered by Wine. */
#include <windows.h>
#include <shlobj.h>
#include <winnetwk.h>

typedef HRESULT(WINAPI *known_folder_fn)(REFGUID, DWORD, HANDLE, PWSTR *);
typedef FARPROC(WINAPI *get_proc_fn)(HMODULE, LPCSTR);

static const GUID user_program_files = {0x5cd7aee2, 0x2219, 0x4a67, {0xb8, 0x5d, 0x6c, 0x9c, 0xe1, 0x56, 0x60, 0xcb}};
static const GUID user_program_files_common = {0xbcbd3057, 0xca5c, 0x4622, {0xb4, 0x2d, 0xbc, 0x56, 0xdb, 0x0a, 0xe5, 0x16}};
static known_folder_fn real_known_folder;
static get_proc_fn real_get_proc;

static HRESULT WINAPI known_folder(REFGUID id, DWORD flags, HANDLE token, PWSTR *path)
{
    int common = IsEqualGUID(id, &user_program_files_common);
    if (path && (common || IsEqualGUID(id, &user_program_files))) {
        WCHAR base[MAX_PATH];
        const WCHAR *tail = common ? L"\\Programs\\Common" : L"\\Programs";
        HRESULT hr = SHGetFolderPathW(NULL, CSIDL_LOCAL_APPDATA, token, 0, base);
        if (FAILED(hr))
            return hr;
        size_t len = lstrlenW(base) + lstrlenW(tail) + 1;
        *path = CoTaskMemAlloc(len * sizeof(WCHAR));
        if (!*path)
            return E_OUTOFMEMORY;
        lstrcpyW(*path, base);
        lstrcatW(*path, tail);
        if (flags & KF_FLAG_CREATE)
            SHCreateDirectoryExW(NULL, *path, NULL);
        return S_OK;
    }
    return real_known_folder(id, flags, token, path);
}

static FARPROC WINAPI get_proc(HMODULE module, LPCSTR name)
{
    FARPROC found = real_get_proc(module, name);
    if (found && HIWORD((ULONG_PTR)name) && !lstrcmpA(name, "SHGetKnownFolderPath")) {
        real_known_folder = (known_folder_fn)found;
        return (FARPROC)known_folder;
    }
    return found;
}

/* Point every import slot of the program that holds GetProcAddress at get_proc. */
static void hook_program_imports(void)
{
    BYTE *base = (BYTE *)GetModuleHandleW(NULL);
    IMAGE_NT_HEADERS *nt = (IMAGE_NT_HEADERS *)(base + ((IMAGE_DOS_HEADER *)base)->e_lfanew);
    IMAGE_DATA_DIRECTORY dir = nt->OptionalHeader.DataDirectory[IMAGE_DIRECTORY_ENTRY_IMPORT];
    IMAGE_IMPORT_DESCRIPTOR *imp = (IMAGE_IMPORT_DESCRIPTOR *)(base + dir.VirtualAddress);
    real_get_proc = (get_proc_fn)GetProcAddress(GetModuleHandleW(L"kernel32.dll"), "GetProcAddress");
    if (!dir.VirtualAddress)
        return;
    for (; imp->Name; imp++) {
        IMAGE_THUNK_DATA *thunk = (IMAGE_THUNK_DATA *)(base + imp->FirstThunk);
        for (; thunk->u1.Function; thunk++) {
            if ((FARPROC)thunk->u1.Function == (FARPROC)real_get_proc) {
                DWORD old;
                VirtualProtect(&thunk->u1.Function, sizeof(thunk->u1.Function), PAGE_READWRITE, &old);
                thunk->u1.Function = (ULONG_PTR)get_proc;
                VirtualProtect(&thunk->u1.Function, sizeof(thunk->u1.Function), old, &old);
            }
        }
    }
}

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, LPVOID reserved)
{
    (void)instance;
    (void)reserved;
    if (reason == DLL_PROCESS_ATTACH)
        hook_program_imports();
    return TRUE;
}

DWORD WINAPI WNetOpenEnumW(DWORD scope, DWORD type, DWORD usage, LPNETRESOURCEW res, LPHANDLE handle)
{
    (void)scope; (void)type; (void)usage; (void)res;
    if (handle)
        *handle = NULL;
    return ERROR_NO_NETWORK;
}

DWORD WINAPI WNetEnumResourceW(HANDLE handle, LPDWORD count, LPVOID buffer, LPDWORD size)
{
    (void)handle; (void)count; (void)buffer; (void)size;
    return ERROR_NO_MORE_ITEMS;
}

DWORD WINAPI WNetCloseEnum(HANDLE handle)
{
    (void)handle;
    return NO_ERROR;
}

DWORD WINAPI WNetGetConnectionW(LPCWSTR local, LPWSTR remote, LPDWORD length)
{
    (void)local; (void)remote; (void)length;
    return ERROR_NOT_CONNECTED;
}

DWORD WINAPI WNetGetUniversalNameW(LPCWSTR local, DWORD level, LPVOID buffer, LPDWORD size)
{
    (void)local; (void)level; (void)buffer; (void)size;
    return ERROR_NOT_CONNECTED;
}
