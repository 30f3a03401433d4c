// The hook file `preflight install` copies into a repository's hooks folder, one
// copy per hook: it only executes the shared hook binary (<prefix>/libexec/
// preflight/<hook>) with the same arguments, environment and standard input.
//
// Why a copy and not a symbolic link: tools that write hooks (husky's `prepare`,
// `cp x .git/hooks/pre-commit`, editors) open the hook path and write through a
// link, which replaced the shared binary of every repository on the machine.
// Writing over this copy changes one repository only, and `preflight status`
// sees it.
//
// Why no C library: a static glibc program spends about a millisecond before
// main on this kind of VM (CPUID exits, TLS and locale set-up), and git runs four
// hooks per commit. This program is one execve system call, so a hook costs
// little more than the binary it starts (bench/hook_files.sh).
//
// The path to execute is written by `preflight install` into k_target after the
// marker (src/install/launcher.cpp); a copy that was never filled in says so.

#define MARKER "\177PREFLIGHT-LAUNCHER-TARGET-1\n"
#define MARKER_LEN (sizeof(MARKER) - 1)
#define TARGET_SIZE 4096

__attribute__((used, aligned(16))) static volatile const char k_target[TARGET_SIZE] = MARKER;

#if defined(__x86_64__)
__asm__(".text\n.global _start\n_start:\n"
        "  xor %ebp, %ebp\n"
        "  mov %rsp, %rdi\n"
        "  and $-16, %rsp\n"
        "  call launcher_main\n"
        "  hlt\n");

static long syscall3(long number, long a, long b, long c) {
  long result;
  __asm__ volatile("syscall"
                   : "=a"(result)
                   : "a"(number), "D"(a), "S"(b), "d"(c)
                   : "rcx", "r11", "memory");
  return result;
}
enum { sys_write = 1, sys_execve = 59, sys_exit_group = 231 };
#elif defined(__aarch64__)
__asm__(".text\n.global _start\n_start:\n"
        "  mov x29, #0\n"
        "  mov x30, #0\n"
        "  mov x0, sp\n"
        "  bl launcher_main\n"
        "  b .\n");

static long syscall3(long number, long a, long b, long c) {
  register long x8 __asm__("x8") = number;
  register long x0 __asm__("x0") = a;
  register long x1 __asm__("x1") = b;
  register long x2 __asm__("x2") = c;
  __asm__ volatile("svc 0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2) : "memory");
  return x0;
}
enum { sys_write = 64, sys_execve = 221, sys_exit_group = 94 };
#else
#error "the hook launcher supports x86-64 and arm64"
#endif

struct Text {
  char bytes[TARGET_SIZE + 512];
  unsigned long size;
};

static void add(struct Text* text, const volatile char* s) {
  while (*s && text->size < sizeof text->bytes)
    text->bytes[text->size++] = *s++;
}

static void add_number(struct Text* text, long value) {
  char digits[24];
  int count = 0;
  do {
    digits[count++] = (char)('0' + value % 10);
    value /= 10;
  } while (value > 0 && count < 24);
  while (count > 0 && text->size < sizeof text->bytes)
    text->bytes[text->size++] = digits[--count];
}

static int ends_with(const volatile char* s, const char* suffix) {
  unsigned long n = 0, m = 0;
  while (s[n])
    ++n;
  while (suffix[m])
    ++m;
  if (m > n)
    return 0;
  for (unsigned long i = 0; i < m; ++i)
    if (s[n - m + i] != suffix[i])
      return 0;
  return 1;
}

__attribute__((noreturn, used)) void launcher_main(long* stack) {
  long argc = stack[0];
  char** argv = (char**)(stack + 1);
  char** envp = argv + argc + 1;
  const volatile char* target = k_target + MARKER_LEN;
  struct Text text; // not zeroed: that would be a memset call, and there is no C library
  text.size = 0;
  int fails_open = 0;
  if (!target[0]) {
    add(&text, "preflight: this hook file was not set up by `preflight install`; run "
               "`preflight install` again\n");
  } else {
    long error = -syscall3(sys_execve, (long)target, (long)argv, (long)envp);
    // post-checkout and reference-transaction must never fail git's command.
    fails_open = ends_with(target, "/post-checkout") || ends_with(target, "/reference-transaction");
    add(&text, "preflight: cannot run ");
    add(&text, target);
    add(&text, error == 2 ? " (not found)" : error == 13 ? " (permission denied)" : " (error ");
    if (error != 2 && error != 13) {
      add_number(&text, error);
      add(&text, ")");
    }
    add(&text, ": is preflight still installed? Install it again and run `preflight install`, or "
               "remove these hooks with `preflight uninstall`");
    add(&text, fails_open ? "; git goes on\n" : "\n");
  }
  syscall3(sys_write, 2, (long)text.bytes, (long)text.size);
  syscall3(sys_exit_group, fails_open ? 0 : 1, 0, 0);
  for (;;) {
  }
}
