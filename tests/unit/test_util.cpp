// String helpers, atomic writes, process running, `git -c` parsing and the
// heap in huge pages and the CPU features the scanners use.
#include "git/repository.hpp"
#include "util/cpu.hpp"
#include "util/fs.hpp"
#include "util/huge_heap.hpp"
#include "util/process.hpp"
#include "util/strings.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace preflight;

TEST_CASE("edit distance and did-you-mean", "[util]") {
  CHECK(edit_distance("", "") == 0);
  CHECK(edit_distance("kitten", "sitting") == 3);
  std::string_view names[] = {"install", "uninstall", "status"};
  CHECK(did_you_mean("instal", names) == "install");
  CHECK(did_you_mean("stauts", names) == "status");
  CHECK_FALSE(did_you_mean("frobnicate", names));
  CHECK(did_you_mean_hint("unistall", names) == " (did you mean \"uninstall\"?)");
}

TEST_CASE("split, trim and quoted", "[util]") {
  CHECK(split("a,,b", ',') == std::vector<std::string>{"a", "", "b"});
  CHECK(split("", ',') == std::vector<std::string>{""});
  CHECK(trim("  a b \r\n") == "a b");
  CHECK(trim(" \t ") == "");
  CHECK(quoted("a\"b\n\x01") == "\"a\\\"b\\n\\x01\"");
}

TEST_CASE("atomic writes keep the mode and leave no temporary file", "[util]") {
  char pattern[] = "/tmp/preflight-unit-XXXXXX";
  std::filesystem::path dir = ::mkdtemp(pattern);
  auto file = dir / "name with spaces";
  write_file_atomic(file, "one");
  ::chmod(file.c_str(), 0751);
  write_file_atomic(file, "two");
  CHECK(read_file(file) == "two");
  struct stat st {};
  ::stat(file.c_str(), &st);
  CHECK((st.st_mode & 07777) == 0751);
  CHECK(std::distance(std::filesystem::directory_iterator(dir),
                      std::filesystem::directory_iterator()) == 1);
  CHECK_FALSE(read_file_if_exists(dir / "missing"));
  CHECK_THROWS_WITH(write_file_atomic(dir / "no" / "such" / "dir", "x"),
                    Catch::Contains("cannot create a temporary file in"));
  std::filesystem::remove_all(dir);
}

TEST_CASE("processes get argv untouched and stdin in full", "[util]") {
  RunOptions options;
  options.input = std::string(1 << 20, 'x'); // larger than a pipe buffer
  options.capture_output = true;
  auto result = run_process({"wc", "-c"}, options);
  CHECK(result.exit_code == 0);
  CHECK(trim(result.output) == "1048576");
  RunOptions capture;
  capture.capture_output = true;
  result = run_process({"printf", "%s|", "$(touch pwned)", "a b", "-n"}, capture);
  CHECK(result.output == "$(touch pwned)|a b|-n|");
  CHECK(run_process({"sh", "-c", "exit 7"}).exit_code == 7);
  // A child that never reads its input must not hang or kill us.
  RunOptions unread;
  unread.input = std::string(1 << 20, 'y');
  CHECK(run_process({"true"}, unread).exit_code == 0);
  CHECK_THROWS_WITH(run_process({"/nonexistent/program"}),
                    "cannot run /nonexistent/program: No such file or directory");
}

TEST_CASE("git -c values from the environment", "[git]") {
  ::setenv("GIT_CONFIG_PARAMETERS",
           "'core.commentChar'=';' 'user.name'='O'\\''Brien' 'Remote.Origin.URL'='x' "
           "'old.form=value' 'flag.only'",
           1);
  CHECK(git::config_from_environment("core.commentchar") == ";");
  CHECK(git::config_from_environment("USER.NAME") == "O'Brien");
  CHECK(git::config_from_environment("remote.Origin.url") == "x");
  CHECK_FALSE(git::config_from_environment("remote.origin.url"));
  CHECK(git::config_from_environment("old.form") == "value");
  CHECK(git::config_from_environment("flag.only") == "true");
  ::unsetenv("GIT_CONFIG_PARAMETERS");
  ::setenv("GIT_CONFIG_COUNT", "2", 1);
  ::setenv("GIT_CONFIG_KEY_0", "core.hooksPath", 1);
  ::setenv("GIT_CONFIG_VALUE_0", "/a", 1);
  ::setenv("GIT_CONFIG_KEY_1", "core.hookspath", 1);
  ::setenv("GIT_CONFIG_VALUE_1", "/b", 1);
  CHECK(git::config_from_environment("core.hooksPath") == "/b");
  ::unsetenv("GIT_CONFIG_COUNT");
  CHECK_FALSE(git::config_from_environment("core.hooksPath"));
}

namespace {

// The THPeligible value in /proc/self/smaps for the mapping holding address
// ("1" when the kernel may give it huge pages).
std::string thp_eligible(const void* address) {
  auto at = reinterpret_cast<std::uintptr_t>(address);
  std::ifstream smaps("/proc/self/smaps");
  bool inside = false;
  for (std::string line; std::getline(smaps, line);) {
    std::uintptr_t start = 0, end = 0;
    char dash = 0;
    std::istringstream head(line);
    if (head >> std::hex >> start >> dash >> end && dash == '-')
      inside = start <= at && at < end;
    else if (inside && line.starts_with("THPeligible:"))
      return line.substr(line.find_last_of(' ') + 1);
  }
  return "";
}

// THPeligible of a fresh mapping advised MADV_HUGEPAGE here: what the kernel
// makes of the advice in this mode ("1" for [always] and [madvise], "0" for
// [never]), and "0" where it never reaches the kernel (qemu-user ignores it).
std::string advised_mapping_eligible() {
  constexpr std::size_t size = 4 << 20;
  void* probe = ::mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (probe == MAP_FAILED)
    return "";
  ::madvise(probe, size, MADV_HUGEPAGE);
  std::string eligible = thp_eligible(probe);
  ::munmap(probe, size);
  return eligible;
}

} // namespace

TEST_CASE("a heap in huge pages: the next blocks start on a 2 MB boundary", "[util]") {
  bool glibc_heap = true;
#if defined(__SANITIZE_ADDRESS__)
  glibc_heap = false; // the sanitizer's malloc is not glibc's heap
#endif
  bool reserved = reserve_huge_heap(8 << 20);
  CHECK(reserved == glibc_heap);
  if (!reserved)
    return;
  void* block = std::malloc(1 << 20);
  REQUIRE(block);
  CHECK(reinterpret_cast<std::uintptr_t>(block) % (2 << 20) < 4096); // only small blocks before
  // As eligible as a mapping advised by hand: the heap was advised too.
  CHECK(thp_eligible(block) == advised_mapping_eligible());
  std::free(block);
}

TEST_CASE("AVX2 support read from glibc's table agrees with the CPU", "[util]") {
#if defined(__x86_64__)
  // glibc's answer (no CPUID at the call) against libgcc's, which asks the CPU.
  CHECK(cpu_has_avx2() == static_cast<bool>(__builtin_cpu_supports("avx2")));
#else
  CHECK_FALSE(cpu_has_avx2()); // the AVX2 code never runs off x86-64 (util/simd.hpp)
#endif
}
