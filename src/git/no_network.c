/* Link-time replacements for libgit2's network set-up, used only by the static
 * build (cmake/StaticLink.cmake passes -Wl,--wrap=<symbol> for each).
 *
 * preflight never fetches or pushes through libgit2: git does that, and runs our
 * hooks. Yet git_libgit2_init() loads and parses the system CA bundle for mbedTLS
 * and initialises libssh2/OpenSSL, ~7 ms on every hook start. The negotiate
 * (Kerberos) authenticator is replaced so that the static link needs no GSSAPI
 * library, which Debian ships only as a shared object. The SSH transport is
 * replaced so that neither libssh2 nor OpenSSL's libcrypto is linked: libcrypto
 * runs OPENSSL_cpuid_setup (CPUID, a VM exit on virtual machines) at every start. */
#include <git2.h>

int __wrap_git_mbedtls_stream_global_init(void) {
  return 0;
}

int __wrap_git_transport_ssh_global_init(void) {
  return 0;
}

int __wrap_git_http_auth_negotiate(void** out, void* url) {
  (void)url;
  *out = 0;
  git_error_set_str(GIT_ERROR_NET, "preflight is built without network support");
  return -1;
}

int __wrap_git_smart_subtransport_ssh(void** out, void* owner, void* param) {
  (void)owner;
  (void)param;
  *out = 0;
  git_error_set_str(GIT_ERROR_NET, "preflight is built without network support");
  return -1;
}

/* `preflight update` fetches shared rules repositories over HTTPS: it sets up
 * mbedTLS (the CA bundle) only then, so that no other command pays for it. */
int __real_git_mbedtls_stream_global_init(void);

int preflight_enable_https(void) {
  return __real_git_mbedtls_stream_global_init();
}
