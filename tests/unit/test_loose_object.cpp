// Reading loose blobs without libgit2: the same size and bytes as libgit2 for
// every size around the read and inflate buffers, and nullopt (so libgit2
// decides) for what is not a readable loose blob.
#include "git/loose_object.hpp"
#include "util/fs.hpp"

#include <catch2/catch.hpp>
#include <git2.h>

#include <filesystem>
#include <random>
#include <unistd.h>

using namespace preflight;
namespace fs = std::filesystem;

namespace {

struct Odb {
  fs::path dir;
  git_odb* odb = nullptr;
  Odb() {
    git_libgit2_init();
    char pattern[] = "/tmp/preflight-unit-XXXXXX";
    dir = ::mkdtemp(pattern);
    fs::create_directories(dir / "objects");
    REQUIRE(git_odb_open(&odb, (dir / "objects").c_str()) == 0);
  }
  ~Odb() {
    git_odb_free(odb);
    fs::remove_all(dir);
    git_libgit2_shutdown();
  }
  std::string write(const std::string& data, git_object_t type = GIT_OBJECT_BLOB) {
    git_oid id;
    REQUIRE(git_odb_write(&id, odb, data.data(), data.size(), type) == 0);
    char hex[GIT_OID_HEXSZ + 1];
    git_oid_tostr(hex, sizeof hex, &id);
    return hex;
  }
};

std::string random_bytes(std::size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::string out(n, '\0');
  for (char& c : out)
    c = static_cast<char>(rng());
  return out;
}

} // namespace

TEST_CASE("loose blobs read as libgit2 reads them", "[git]") {
  Odb odb;
  const std::size_t sizes[] = {0, 1, 31, 32, 4095, 4096, 4097, 65535, 65536, 65537, 300000};
  const std::size_t maxes[] = {0, 1, 4096, 65536, std::size_t(-1)};
  unsigned seed = 1;
  for (std::size_t size : sizes) {
    for (bool text : {true, false}) {
      std::string data = text ? std::string(size, 'a') : random_bytes(size, seed++);
      if (text)
        for (std::size_t i = 0; i < size; i += 7)
          data[i] = static_cast<char>('a' + i % 26);
      const std::string id = odb.write(data);
      for (std::size_t max : maxes) {
        INFO("size " << size << (text ? " text" : " random") << ", max " << max);
        auto blob = git::read_loose_blob(odb.dir / "objects", id, max);
        REQUIRE(blob);
        CHECK(blob->size == size);
        CHECK(blob->bytes == data.substr(0, std::min(size, max)));
      }
    }
  }
}

TEST_CASE("what is not a readable loose blob is left to libgit2", "[git]") {
  Odb odb;
  const fs::path objects = odb.dir / "objects";
  SECTION("missing") {
    CHECK_FALSE(git::read_loose_blob(objects, "0123456789012345678901234567890123456789", 10));
  }
  SECTION("not a blob") {
    const std::string commit = odb.write("tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\n"
                                         "author A <a@b> 0 +0000\ncommitter A <a@b> 0 +0000\n\nx\n",
                                         GIT_OBJECT_COMMIT);
    CHECK_FALSE(git::read_loose_blob(objects, commit, 10));
  }
  SECTION("truncated or corrupt") {
    const std::string data = random_bytes(100000, 7);
    const std::string id = odb.write(data);
    const fs::path file = objects / id.substr(0, 2) / id.substr(2);
    fs::permissions(file, fs::perms::owner_all);
    const std::string whole = read_file(file);
    write_file_atomic(file, whole.substr(0, whole.size() / 2));
    CHECK_FALSE(git::read_loose_blob(objects, id, std::size_t(-1)));
    // A head inside what is left still reads: only what is needed is inflated.
    auto head = git::read_loose_blob(objects, id, 1000);
    REQUIRE(head);
    CHECK(head->bytes == data.substr(0, 1000));
    write_file_atomic(file, "not zlib at all");
    CHECK_FALSE(git::read_loose_blob(objects, id, 10));
  }
}

TEST_CASE("a loose commit names its parents", "[git]") {
  Odb odb;
  const fs::path objects = odb.dir / "objects";
  const std::string tree = odb.write("", GIT_OBJECT_TREE);
  const std::string a(40, 'a'), b(40, 'b'), c(40, 'c');
  auto commit = [&](const std::string& parents) {
    return odb.write("tree " + tree + "\n" + parents +
                         "author A <a@x> 1 +0000\ncommitter A <a@x> 1 +0000\n\nparent " + c + "\n",
                     GIT_OBJECT_COMMIT);
  };
  const std::string root = commit("");
  const std::string child = commit("parent " + a + "\n");
  const std::string merge = commit("parent " + a + "\nparent " + b + "\n");
  CHECK(git::loose_commit_has_parent(objects, child, a));
  CHECK_FALSE(git::loose_commit_has_parent(objects, child, b));
  CHECK(git::loose_commit_has_parent(objects, merge, a));
  CHECK(git::loose_commit_has_parent(objects, merge, b));
  CHECK_FALSE(git::loose_commit_has_parent(objects, root, a));
  // "parent" in the message is not a header line.
  CHECK_FALSE(git::loose_commit_has_parent(objects, root, c));
  CHECK_FALSE(git::loose_commit_has_parent(objects, child, ""));
  // A blob whose text looks like a commit is no commit.
  const std::string blob = odb.write("tree " + tree + "\nparent " + a + "\n");
  CHECK_FALSE(git::loose_commit_has_parent(objects, blob, a));
  CHECK_FALSE(git::loose_commit_has_parent(objects, std::string(40, 'd'), a));
}
