// `preflight init`: .gitignore entries merged without duplicates, the ML file finder.
#include "cli/init_files.hpp"
#include "util/fs.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <unistd.h>

using namespace preflight;
using namespace preflight::cli;

namespace {
const char* k_entries = "# Python\n__pycache__/\n*.pyc\n# Runs\nruns/\n*.pt\ncheckpoints/\n";
}

TEST_CASE("gitignore entries are appended to an empty file", "[init]") {
  GitignoreMerge m = merge_gitignore("", k_entries, "pytorch");
  CHECK(m.added ==
        std::vector<std::string>{"__pycache__/", "*.pyc", "runs/", "*.pt", "checkpoints/"});
  CHECK(m.text ==
        "# Added by `preflight init --template pytorch`\n__pycache__/\n*.pyc\nruns/\n*.pt\n"
        "checkpoints/\n");
}

TEST_CASE("gitignore entries already covered are not added again", "[init]") {
  // Same after normalising (spaces, trailing slash, **/), or matched by a wildcard line.
  std::string existing =
      "node_modules/\n  __pycache__  \n*.py[cod]\n**/runs\n# *.pt\n!checkpoints/";
  GitignoreMerge m = merge_gitignore(existing, k_entries, "pytorch");
  CHECK(m.added == std::vector<std::string>{"*.pt", "checkpoints/"});
  // The old text is kept byte for byte; the missing final newline is added first.
  CHECK(m.text ==
        existing + "\n\n# Added by `preflight init --template pytorch`\n*.pt\ncheckpoints/\n");
  // Nothing to add: the text is unchanged.
  GitignoreMerge again = merge_gitignore(m.text, k_entries, "pytorch");
  CHECK(again.added.empty());
  CHECK(again.text == m.text);
}

TEST_CASE("gitignore files with CRLF line ends get CRLF lines", "[init]") {
  GitignoreMerge m = merge_gitignore("*.pyc\r\n", "*.pyc\nruns/\n", "python");
  CHECK(m.text == "*.pyc\r\n\r\n# Added by `preflight init --template python`\r\nruns/\r\n");
}

TEST_CASE("the ML file finder skips .git and symbolic links", "[init]") {
  char pattern[] = "/tmp/preflight-unit-XXXXXX";
  std::filesystem::path dir = ::mkdtemp(pattern);
  std::filesystem::create_directories(dir / ".git/objects");
  write_file_atomic(dir / ".git/objects/model.pt", "x");
  std::filesystem::create_directories(dir / "src");
  write_file_atomic(dir / "src/train.py", "x");
  CHECK_FALSE(find_ml_file(dir));
  std::filesystem::create_directory_symlink(dir / ".git", dir / "linked");
  CHECK_FALSE(find_ml_file(dir));
  std::filesystem::create_directories(dir / "notebooks");
  write_file_atomic(dir / "notebooks/explore.ipynb", "{}");
  CHECK(find_ml_file(dir) == "notebooks/explore.ipynb");
  std::filesystem::remove_all(dir);
}
