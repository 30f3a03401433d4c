// notebook::OutputCache on a scratch folder: what it keeps, what it gives back
// (only a notebook that strips to exactly the blob), its bound and its ids.
#include "notebook/output_cache.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/stat.h>

using namespace preflight;
using namespace preflight::notebook;

namespace {

// A v4 notebook with one code cell of source and a stream output.
std::string make_notebook(std::string_view source, std::string_view output) {
  return std::string(R"({"cells": [{"cell_type": "code", "execution_count": 3, "id": "a", )") +
         R"("metadata": {}, "outputs": [{"name": "stdout", "output_type": "stream", "text": [")" +
         std::string(output) + R"("]}], "source": [")" + std::string(source) +
         R"("]}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5})";
}

std::string stripped(const std::string& full) {
  StripResult r = strip_notebook(full, StripOptions{});
  REQUIRE(!r.failure);
  return r.output;
}

// Any 40-hex name: the cache does not hash, its callers do.
constexpr std::string_view k_id = "0123456789abcdef0123456789abcdef01234567";
constexpr std::string_view k_other = "1123456789abcdef0123456789abcdef01234567";

void set_mtime(const std::filesystem::path& path, long seconds) {
  struct timespec times[2] = {{seconds, 0}, {seconds, 0}};
  REQUIRE(::utimensat(AT_FDCWD, path.c_str(), times, 0) == 0);
}

} // namespace

TEST_CASE("output cache: gives back the notebook that strips to the blob", "[output-cache]") {
  test::Folder dir;
  OutputCache cache(dir.path / "outputs", 1 << 20);
  std::string full = make_notebook("print(1)", "one");
  std::string blob = stripped(full);
  CHECK(cache.restore(k_id, blob, {}) == std::nullopt); // never seen
  CHECK(cache.remember(k_id, full) == std::nullopt);
  CHECK(read_file(dir.path / "outputs" / std::string(k_id)) == full);
  CHECK(cache.restore(k_id, blob, {}) == full);
  CHECK(cache.usage().entries == 1);
  CHECK(cache.usage().bytes == full.size());
}

TEST_CASE("output cache: forget drops an entry", "[output-cache]") {
  test::Folder dir;
  OutputCache cache(dir.path, 1 << 20);
  std::string full = make_notebook("print(1)", "one");
  REQUIRE(cache.remember(k_id, full) == std::nullopt);
  cache.forget(k_other); // another id: no effect
  CHECK(cache.restore(k_id, stripped(full), {}) == full);
  cache.forget(k_id);
  CHECK(cache.restore(k_id, stripped(full), {}) == std::nullopt);
  CHECK(cache.usage().entries == 0);
}

TEST_CASE("output cache: an entry that does not strip to the blob is not used", "[output-cache]") {
  test::Folder dir;
  OutputCache cache(dir.path, 1 << 20);
  std::string blob = stripped(make_notebook("print(1)", "one"));
  SECTION("other source") {
    dir.write(std::string(k_id), make_notebook("evil()", "one"));
  }
  SECTION("truncated") {
    dir.write(std::string(k_id), make_notebook("print(1)", "one").substr(0, 40));
  }
  SECTION("empty") {
    dir.write(std::string(k_id), "");
  }
  SECTION("the blob itself") {
    dir.write(std::string(k_id), blob);
  }
  CHECK(cache.restore(k_id, blob, {}) == std::nullopt);
}

TEST_CASE("output cache: only regular files are read", "[output-cache]") {
  test::Folder dir;
  OutputCache cache(dir.path, 1 << 20);
  std::string full = make_notebook("print(1)", "one");
  SECTION("a FIFO is never opened (it would block git)") {
    REQUIRE(::mkfifo((dir.path / std::string(k_id)).c_str(), 0600) == 0);
  }
  SECTION("a symbolic link, even to a good notebook") {
    dir.write("elsewhere", full);
    std::filesystem::create_symlink(dir.path / "elsewhere", dir.path / std::string(k_id));
  }
  CHECK(cache.restore(k_id, stripped(full), {}) == std::nullopt);
}

TEST_CASE("output cache: other strip options make an entry stale", "[output-cache]") {
  test::Folder dir;
  OutputCache cache(dir.path, 1 << 20);
  std::string full = make_notebook("print(1)", "one");
  REQUIRE(cache.remember(k_id, full) == std::nullopt);
  StripOptions keep_count;
  keep_count.keep_count = true;
  CHECK(cache.restore(k_id, stripped(full), keep_count) == std::nullopt);
}

TEST_CASE("output cache: ids that are not hex object ids are refused", "[output-cache]") {
  test::Folder dir;
  OutputCache cache(dir.path / "outputs", 1 << 20);
  std::string full = make_notebook("print(1)", "one");
  for (std::string_view id : {"../../x", "", "0123456789ABCDEF0123456789ABCDEF01234567",
                              "0123456789abcdef0123456789abcdef0123456"}) {
    CHECK(cache.remember(id, full) == std::nullopt);
    CHECK(cache.restore(id, stripped(full), {}) == std::nullopt);
  }
  CHECK(!std::filesystem::exists(dir.path / "outputs"));
}

TEST_CASE("output cache: max_size 0 is off, a notebook over the bound is not kept",
          "[output-cache]") {
  test::Folder dir;
  std::string full = make_notebook("print(1)", "one");
  OutputCache off(dir.path / "outputs", 0);
  CHECK(!off.enabled());
  CHECK(off.remember(k_id, full) == std::nullopt);
  OutputCache tiny(dir.path / "outputs", full.size() - 1);
  CHECK(tiny.remember(k_id, full) == std::nullopt);
  CHECK(!std::filesystem::exists(dir.path / "outputs"));
}

TEST_CASE("output cache: prune removes the least recently used first", "[output-cache]") {
  test::Folder dir;
  std::string a = make_notebook("print(1)", "aaaa");
  std::string b = make_notebook("print(2)", "bbbb");
  REQUIRE(a.size() == b.size());
  OutputCache cache(dir.path, a.size() + b.size() / 2);
  REQUIRE(cache.remember(k_id, a) == std::nullopt);
  REQUIRE(cache.remember(k_other, b) == std::nullopt);
  set_mtime(dir.path / std::string(k_id), 2000);
  set_mtime(dir.path / std::string(k_other), 1000);
  SECTION("by time of last use") {
    cache.prune();
    CHECK(!std::filesystem::exists(dir.path / std::string(k_other)));
    CHECK(std::filesystem::exists(dir.path / std::string(k_id)));
  }
  SECTION("a restore counts as a use") {
    REQUIRE(cache.restore(k_other, stripped(b), {}) == b);
    cache.prune();
    CHECK(std::filesystem::exists(dir.path / std::string(k_other)));
    CHECK(!std::filesystem::exists(dir.path / std::string(k_id)));
  }
  SECTION("remembering the same notebook again counts as a use") {
    REQUIRE(cache.remember(k_other, b) == std::nullopt);
    cache.prune();
    CHECK(std::filesystem::exists(dir.path / std::string(k_other)));
    CHECK(!std::filesystem::exists(dir.path / std::string(k_id)));
  }
}

TEST_CASE("output cache: human_size", "[output-cache]") {
  CHECK(human_size(0) == "0 bytes");
  CHECK(human_size(1023) == "1023 bytes");
  CHECK(human_size(1536) == "1.5 KB");
  CHECK(human_size(100ull << 20) == "100.0 MB");
}
