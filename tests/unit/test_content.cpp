// Content checks on in-memory files: signatures, patterns, secrets, case
// conflicts, links, and the pre-push input parser.
#include "checks/content.hpp"
#include "checks/glob.hpp"

#include "checks/push_input.hpp"
#include "checks/sniff.hpp"
#include "config/config.hpp"
#include "util/fs.hpp"
#include <chrono>
#include <cstdio>
#include <fnmatch.h>
#include <functional>
#include <random>

#define ZLIB_CONST
#include <zlib.h>

#include "memory_blobs.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <unistd.h>

using namespace preflight;
using namespace preflight::checks;

namespace {

using test::MemoryBlobs;

config::Config rules(std::string_view extra = "") {
  return test::load_rules(extra);
}

// Runs the content checks on files {path: bytes}; returns "check path:line" lines.
std::vector<std::string> findings(const std::map<std::string, std::string>& files,
                                  const config::Config& config = rules(),
                                  std::vector<std::string> extra_paths = {},
                                  std::set<std::string> lfs = {}) {
  MemoryBlobs blobs;
  blobs.lfs = std::move(lfs);
  ContentInput input;
  input.blobs = &blobs;
  int n = 0;
  for (const auto& [path, bytes] : files) {
    FileChange change;
    change.path = path;
    change.id = std::to_string(n++);
    if (path.starts_with("link:")) {
      change.path = path.substr(5);
      change.mode = k_mode_symlink;
    }
    blobs.blobs[change.id] = bytes;
    input.tree_paths.push_back(change.path);
    input.changes.push_back(change);
  }
  for (auto& p : extra_paths)
    input.tree_paths.push_back(p);
  std::sort(input.tree_paths.begin(), input.tree_paths.end());
  report::Report report;
  run_content_checks(config, input, {}, report);
  std::vector<std::string> out;
  for (const auto& f : report.findings())
    out.push_back(f.check + " " + f.path + (f.line ? ":" + std::to_string(f.line) : ""));
  return out;
}

std::string torch_zip() {
  std::string name = "archive/data.pkl";
  std::string header("PK\x03\x04", 4);
  header += std::string(22, '\0');
  header += static_cast<char>(name.size());
  header += '\0';
  header += std::string(2, '\0');
  return header + name + "payload";
}

// A zip local header of one stored member.
std::string zip_member(const std::string& name, const std::string& data) {
  std::string header("PK\x03\x04", 4);
  header += std::string(14, '\0');
  for (std::size_t size : {data.size(), data.size()}) // compressed, uncompressed
    for (int i = 0; i < 4; ++i)
      header += static_cast<char>((size >> (8 * i)) & 0xff);
  header += static_cast<char>(name.size());
  header += '\0';
  header += std::string(2, '\0');
  return header + name + data;
}

// A ustar header block of a member (type '0' a file, '5' a folder) of size bytes.
std::string tar_header(const std::string& name, std::size_t size, char type = '0') {
  std::string block(512, '\0');
  block.replace(0, name.size(), name);
  char octal[12];
  std::snprintf(octal, sizeof octal, "%011zo", size);
  block.replace(124, 11, octal);
  block[156] = type;
  block.replace(257, 6, std::string("ustar\0", 6));
  return block;
}

// The format's name and container, as the checkpoint check prints them.
std::string sniffed(std::string_view head, std::uint64_t size) {
  auto format = sniff_model_format(head, size);
  if (!format)
    return "";
  return format->name + (format->container.empty() ? "" : " (" + format->container + ")");
}

} // namespace

TEST_CASE("gitignore-style patterns", "[content]") {
  CHECK(glob_match("*.pt", "model.pt"));
  CHECK(glob_match("*.pt", "a/b/model.pt"));
  CHECK_FALSE(glob_match("*.pt", "model.pth"));
  CHECK(glob_match("checkpoints/", "checkpoints/x.txt"));
  CHECK(glob_match("checkpoints/", "exp/checkpoints/epoch1/w.bin"));
  CHECK_FALSE(glob_match("checkpoints/", "checkpoints"));
  CHECK(glob_match("/build/x.bin", "build/x.bin"));
  CHECK_FALSE(glob_match("/build/x.bin", "sub/build/x.bin"));
  CHECK(glob_match("data/**/*.npy", "data/a/b/c.npy"));
  CHECK(glob_match("data/**/*.npy", "data/c.npy"));
  CHECK(glob_match("**/runs/", "a/runs/x"));
  CHECK(glob_match("*.pt", ".hidden.pt")); // as in gitignore, * matches a leading dot
  CHECK(glob_match("__pycache__/", "pkg/__pycache__/m.cpython-311.pyc"));
}

namespace {

// The plain definition the compiled matcher must agree with: every segment
// through fnmatch(3), every start for unanchored patterns.
bool reference_match(std::string_view pattern, std::string_view path) {
  if (pattern.empty())
    return false;
  bool folder = pattern.back() == '/';
  bool anchored =
      pattern.substr(0, pattern.size() - (folder ? 1 : 0)).find('/') != std::string_view::npos;
  std::vector<std::string> pat, parts;
  for (auto part : split_path(pattern))
    pat.emplace_back(part);
  for (auto part : split_path(path))
    parts.emplace_back(part);
  if (pat.empty())
    return false;
  if (folder && !parts.empty())
    parts.pop_back();
  std::function<bool(std::size_t, std::size_t)> from = [&](std::size_t p, std::size_t s) {
    if (p == pat.size())
      return true;
    if (pat[p] == "**") {
      for (std::size_t skip = s; skip <= parts.size(); ++skip)
        if (from(p + 1, skip))
          return true;
      return false;
    }
    return s < parts.size() && ::fnmatch(pat[p].c_str(), parts[s].c_str(), 0) == 0 &&
           from(p + 1, s + 1);
  };
  if (anchored)
    return from(0, 0);
  for (std::size_t start = 0; start < parts.size(); ++start)
    if (from(0, start))
      return true;
  return false;
}

} // namespace

TEST_CASE("compiled patterns agree with fnmatch segment by segment", "[content]") {
  const std::vector<std::string> patterns = {"*.pt",
                                             "*.tar.gz",
                                             "model.bin",
                                             "checkpoints/",
                                             "/build/x.bin",
                                             "data/**/*.npy",
                                             "**/runs/",
                                             "**",
                                             "a/**",
                                             "*",
                                             "*/",
                                             "?.pt",
                                             "[ab].pt",
                                             "x\\*.pt",
                                             "*pt",
                                             ".*",
                                             "runs",
                                             "/runs",
                                             "a/*/c",
                                             "a/**/b/**/c",
                                             "*.[pP][tT]",
                                             "**/*.pt",
                                             "/",
                                             "//",
                                             "a//b"};
  const std::vector<std::string> paths = {"model.pt",
                                          "a/b/model.pt",
                                          "model.pth",
                                          ".pt",
                                          "x*.pt",
                                          "a.pt",
                                          "c.pt",
                                          "checkpoints",
                                          "checkpoints/x",
                                          "exp/checkpoints/e/w.bin",
                                          "build/x.bin",
                                          "sub/build/x.bin",
                                          "data/c.npy",
                                          "data/a/b/c.npy",
                                          "a/runs/x",
                                          "runs",
                                          "a/b/c",
                                          "a/x/b/y/c",
                                          "a/b/c/d",
                                          "M.PT",
                                          "archive.tar.gz",
                                          "x/.hidden",
                                          "pt",
                                          "a/c",
                                          "é/ü.pt"};
  std::size_t matches = 0;
  for (const auto& pattern : patterns) {
    const GlobList list({pattern});
    for (const auto& path : paths) {
      INFO(pattern << " ~ " << path);
      const bool want = reference_match(pattern, path);
      CHECK(glob_match(pattern, path) == want);
      CHECK((list.first_match(path) != nullptr) == want);
      matches += want;
    }
  }
  CHECK(matches > 50); // the table exercises both outcomes
}

// The matcher remembers what each "**" gave at each part; the plain recursion
// above (exponential, but a definition) must agree on patterns made at random.
TEST_CASE("memoised globstars agree with the plain recursion on random patterns", "[content]") {
  const std::vector<std::string> segments = {"a", "b", "*", "**", "?", "[ab]", "*a", "a*", "**"};
  const std::vector<std::string> parts = {"a", "b", "ab", "ba", ".a", "aa"};
  std::mt19937 random(20261207);
  auto pick = [&](const std::vector<std::string>& from) {
    return from[std::uniform_int_distribution<std::size_t>(0, from.size() - 1)(random)];
  };
  auto count = [&](int most) { return std::uniform_int_distribution<int>(0, most)(random); };
  std::size_t agreed = 0, matched = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string pattern = count(3) == 0 ? "/" : "";
    for (int i = 0, n = 1 + count(5); i < n; ++i)
      pattern += (i ? "/" : "") + pick(segments);
    if (count(3) == 0)
      pattern += "/";
    std::string path;
    for (int i = 0, n = count(7); i < n; ++i)
      path += (i ? "/" : "") + pick(parts);
    INFO(pattern << " ~ " << path);
    const bool want = reference_match(pattern, path);
    REQUIRE(glob_match(pattern, path) == want);
    ++agreed;
    matched += want;
  }
  CHECK(agreed == 20000);
  CHECK(matched > 2000); // both outcomes are common
  CHECK(20000 - matched > 2000);
}

// Rules are untrusted: patterns built to backtrack took 7.9 s and 17.8 s.
TEST_CASE("globstar patterns from hostile rules match in bounded time", "[content]") {
  std::string twelve, deep24, ten, deep40;
  for (int i = 0; i < 12; ++i)
    twelve += "**/";
  twelve += "zz";
  for (int i = 0; i < 24; ++i)
    deep24 += "d/";
  deep24 += "file";
  for (int i = 0; i < 10; ++i)
    ten += "**/a/";
  ten += "zz";
  for (int i = 0; i < 40; ++i)
    deep40 += "a/";
  deep40 += "file";
  auto started = std::chrono::steady_clock::now();
  CHECK_FALSE(glob_match(twelve, deep24));
  CHECK_FALSE(glob_match(ten, deep40));
  CHECK(glob_match(ten, deep40.substr(0, deep40.size() - 4) + "zz"));
  CHECK(glob_match(twelve, deep24 + "/zz"));
  auto took = std::chrono::steady_clock::now() - started;
  CHECK(took < std::chrono::seconds(1)); // microseconds now; seconds to hours before
}

TEST_CASE("model formats are recognised by their first bytes", "[content]") {
  CHECK(sniffed(torch_zip(), 100) == "PyTorch checkpoint (torch.save zip)");
  std::string ordinary_zip = torch_zip();
  ordinary_zip.replace(30, 16, "docs/readme.txt!");
  CHECK_FALSE(sniff_model_format(ordinary_zip, 100));
  CHECK(sniffed(std::string("\x80\x02\x8a\x0a\x6c\xfc\x9c\x46\xf9\x20\x6a\xa8\x50\x19"
                            "\x2e",
                            15),
                15) == "PyTorch checkpoint (legacy pickle)");
  std::string json = R"({"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}})";
  std::string st(8, '\0');
  st[0] = static_cast<char>(json.size());
  st += json + std::string(8, '\0');
  CHECK(sniffed(st, st.size()) == "safetensors");
  CHECK_FALSE(sniff_model_format(st, 10)); // header longer than the file: not safetensors
  CHECK(sniffed(std::string("\x89HDF\r\n\x1a\n", 8) + "rest", 100) == "HDF5");
  CHECK(sniffed("\x93NUMPY\x01\x00", 100) == "NumPy array");
  CHECK(sniffed(std::string("GGUF\x03\x00\x00\x00", 8), 100) == "GGUF");
  std::string onnx = std::string("\x08\x07\x12\x07pytorch\x1a\x03"
                                 "2.1",
                                 16);
  CHECK(sniffed(onnx, 1000) == "ONNX model");
  CHECK(sniffed(std::string("\x1c\x00\x00\x00TFL3", 8), 100) == "TensorFlow Lite model");
  CHECK(sniffed("lmgg", 100) == "GGML (llama.cpp before GGUF)");
  CHECK(sniffed("tjgg\x03", 100) == "GGML (llama.cpp before GGUF)");
  CHECK_FALSE(sniff_model_format("plain text\n", 11));
  CHECK_FALSE(sniff_model_format("", 0));
  CHECK(is_lfs_pointer("version https://git-lfs.github.com/spec/v1\noid sha256:ab\nsize 3\n", 60));
  CHECK_FALSE(is_lfs_pointer("version https://git-lfs.github.com/spec/v1\n", 5000));
}

// Lengths read from the file are untrusted: each check must hold for lengths
// near 2^64 (an addition would wrap) and must never move backwards.
TEST_CASE("sniffers survive lengths that would wrap", "[content]") {
  // ONNX: ir_version 1, then producer_name with a length of 2^64 - 11. The sum
  // pos + length wrapped to 0 and the loop read the same tag forever.
  const std::string wraps("\x08\x01\x12\xf5\xff\xff\xff\xff\xff\xff\xff\xff\x01", 13);
  CHECK_FALSE(sniff_model_format(wraps, wraps.size()));
  // Every length byte pattern the varint can take after a valid ir_version.
  for (unsigned last = 1; last < 0x80; ++last) {
    std::string head = std::string("\x08\x01\x3a", 3) + std::string(9, '\xff') +
                       std::string(1, static_cast<char>(last));
    INFO("last length byte " << last);
    CHECK(sniffed(head, head.size()) == "ONNX model"); // a graph longer than the head
  }
  // safetensors: a header length the file cannot hold, and a file shorter than 8 bytes.
  std::string st(8, '\xff');
  st += "{\"dtype\"}";
  CHECK_FALSE(sniff_model_format(st, st.size()));
  std::string small(8, '\0');
  small[0] = 2;
  small += "{}";
  CHECK_FALSE(sniff_model_format(small, 3));
  // A zip local header whose name length runs past the head.
  std::string zip = torch_zip().substr(0, 30);
  zip[26] = '\xff';
  zip[27] = '\xff';
  CHECK_FALSE(sniff_model_format(zip, zip.size()));
}

TEST_CASE("formats inside containers: zip folders, npz, pickles, tar, gzip", "[content]") {
  std::string pkl("\x80\x02}q\x00.", 6);
  CHECK(sniffed(zip_member("archive/", "") + zip_member("archive/data.pkl", pkl), 200) ==
        "PyTorch checkpoint (torch.save zip)");
  CHECK(sniffed(zip_member("w.npy", "\x93NUMPY") + zip_member("b.npy", "\x93NUMPY"), 200) ==
        "NumPy arrays (npz)");
  CHECK(sniff_model_format(zip_member("w.npy", "\x93NUMPY"), 200)->data);
  CHECK_FALSE(sniff_model_format(zip_member("docs/", "") + zip_member("docs/a.txt", "a"), 200));
  CHECK(sniffed(std::string("\x80\x04\x95\x10\x00", 5), 100) == "Python pickle");
  CHECK(sniffed(std::string("\x80\x05\x95\x10\x00", 5), 100) == "Python pickle");
  CHECK(sniffed(std::string("\x80\x02}q\x00", 5), 100) == "Python pickle");
  CHECK(sniffed(std::string("\x80\x03"
                            "cnumpy",
                            8),
                100) == "Python pickle");
  CHECK_FALSE(sniff_model_format(std::string("\x80\x04zz", 4), 100)); // no FRAME
  CHECK_FALSE(sniff_model_format(std::string("\x80\x09}", 3), 100));  // no such protocol
  std::string model = torch_zip();
  std::string tar = tar_header("m/", 0, '5') + tar_header("m/model.pt", model.size()) + model;
  CHECK(sniffed(tar, tar.size()) == "PyTorch checkpoint (torch.save zip) (in a tar archive)");
  std::string text_tar = tar_header("notes.txt", 5) + "notes";
  CHECK_FALSE(sniff_model_format(text_tar, text_tar.size()));
  // The tar through zlib's gzip writer.
  std::string gz;
  {
    z_stream s{};
    REQUIRE(deflateInit2(&s, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) == Z_OK);
    gz.resize(deflateBound(&s, static_cast<uLong>(tar.size())));
    s.next_in = reinterpret_cast<const Bytef*>(tar.data());
    s.avail_in = static_cast<uInt>(tar.size());
    s.next_out = reinterpret_cast<Bytef*>(gz.data());
    s.avail_out = static_cast<uInt>(gz.size());
    REQUIRE(deflate(&s, Z_FINISH) == Z_STREAM_END);
    gz.resize(s.total_out);
    deflateEnd(&s);
  }
  CHECK(sniffed(gz, gz.size()) ==
        "PyTorch checkpoint (torch.save zip) (in a tar archive, compressed with gzip)");
  CHECK_FALSE(sniff_model_format(gz.substr(0, 12), 12)); // a stream cut short: nothing inflated
}

TEST_CASE("container lengths that would wrap or loop", "[content]") {
  // A zip folder entry whose compressed size runs past the head.
  std::string folder = zip_member("a/", "");
  folder[18] = folder[19] = folder[20] = folder[21] = '\xff';
  CHECK_FALSE(sniff_model_format(folder + zip_member("a/data.pkl", "x"), 100));
  // A tar folder member of base-256 size 2^88 - 1, and one of octal size near 2^36.
  std::string huge = tar_header("d/", 0, '5');
  huge[124] = '\x80';
  for (std::size_t i = 125; i < 136; ++i)
    huge[i] = '\xff';
  CHECK_FALSE(sniff_model_format(huge + tar_header("x.npy", 6) + "\x93NUMPY", 2000));
  std::string octal = tar_header("d/", 0, '5');
  octal.replace(124, 11, "77777777777");
  CHECK_FALSE(sniff_model_format(octal + tar_header("x.npy", 6) + "\x93NUMPY", 2000));
  // Sixty-five folder entries: the walk stops, it does not run on.
  std::string many;
  for (int i = 0; i < 65; ++i)
    many += zip_member("d/", "");
  CHECK_FALSE(sniff_model_format(many + zip_member("d/data.pkl", "x"), 5000));
}

TEST_CASE("the default checks on in-memory files", "[content]") {
  CHECK(findings({{"src/main.py", "print('hi')\n"}}).empty());
  CHECK(findings({{"model.pt", "x"}}) == std::vector<std::string>{"checkpoint model.pt"});
  CHECK(findings({{"weights.bin", torch_zip()}}) ==
        std::vector<std::string>{"checkpoint weights.bin"});
  CHECK(findings({{"small.npy", "\x93NUMPY tiny"}}).empty());
  CHECK(findings({{"big.npy", "\x93NUMPY" + std::string(2 << 20, 'x')}}) ==
        std::vector<std::string>{"checkpoint big.npy"});
  CHECK(findings({{"model.pt", "version https://git-lfs.github.com/spec/v1\noid sha256:1\n"}})
            .empty());
  CHECK(findings({{"data.bin", std::string(11 << 20, 'a')}}) ==
        std::vector<std::string>{"large-file data.bin"});
  CHECK(findings({{"a.txt", "x\n<<<<<<< HEAD\ny\n"}}) ==
        std::vector<std::string>{"conflict-marker a.txt:2"});
  CHECK(findings({{"a.rst", "Title\n=======\n"}}).empty());
  CHECK(findings({{"key.pem", "-----BEGIN RSA PRIVATE KEY-----\n"}}) ==
        std::vector<std::string>{"private-key key.pem:1"});
  CHECK(findings({{"cfg.py", "token = 'ghp_" + std::string(36, 'a') + "'\n"}}) ==
        std::vector<std::string>{"private-key cfg.py:1"});
  CHECK(findings({{"cfg.py", "x = 'ghp_" + std::string(35, 'a') + "'\n"}}).empty());
  CHECK(findings({{"cfg.py", "id = AKIAIOSFODNN7EXAMPLE\n"}}) ==
        std::vector<std::string>{"private-key cfg.py:1"});
  CHECK(findings({{"cfg.py", "id = XAKIAIOSFODNN7EXAMPLE\n"}}).empty());
  CHECK(findings({{"bin.dat", std::string("\0-----BEGIN RSA PRIVATE KEY-----", 32)}}).empty());
}

TEST_CASE("files given to LFS must be LFS pointers", "[content]") {
  std::string pointer = "version https://git-lfs.github.com/spec/v1\noid sha256:1\nsize 9\n";
  std::set<std::string> lfs = {"model.pt", "data.csv", "empty.csv", "p.pt"};
  CHECK(findings({{"model.pt", torch_zip()},
                  {"data.csv", "a,b\n"},
                  {"empty.csv", ""},
                  {"p.pt", pointer},
                  {"plain.csv", "a,b\n"}},
                 rules(), {},
                 lfs) == std::vector<std::string>{"lfs-pointer data.csv", "checkpoint model.pt",
                                                  "lfs-pointer model.pt"});
  CHECK(findings({{"data.csv", "a,b\n"}}, rules("checks:\n  lfs:\n    allow: ['*.csv']\n"), {},
                 {"data.csv"})
            .empty());
}

TEST_CASE("allow lists, case conflicts and links", "[content]") {
  CHECK(findings({{"model.pt", "x"}}, rules("checks:\n  checkpoints:\n    allow: ['*.pt']\n"))
            .empty());
  CHECK(findings({{"model.pt", "x"}}, rules("checks:\n  checkpoints:\n    enabled: false\n"))
            .empty());
  CHECK(findings({{"Readme.md", "a"}}, rules(), {"README.md"}) ==
        std::vector<std::string>{"case-conflict Readme.md"});
  CHECK(findings({{"docs/a.md", "a"}}, rules(), {"Docs/b.md"}) ==
        std::vector<std::string>{"case-conflict docs"});
  CHECK(findings({{"link:l", "missing"}}) == std::vector<std::string>{"broken-symlink l"});
  CHECK(findings({{"link:sub/l", "../target"}}, rules(), {"target"}).empty());
  CHECK(findings({{"link:l", "folder"}}, rules(), {"folder/file"}).empty());
  CHECK(findings({{"link:l", "../../outside"}}).empty());
}

TEST_CASE("pre-push standard input", "[content]") {
  std::string a(40, 'a'), z(40, '0');
  auto updates = parse_push_input("refs/heads/main " + a + " refs/heads/main " + z + "\n" +
                                  "(delete) " + z + " refs/heads/old " + a + "\n");
  REQUIRE(updates.size() == 2);
  CHECK(updates[0].creates());
  CHECK_FALSE(updates[0].deletes());
  CHECK(updates[1].deletes());
  CHECK(parse_push_input("").empty());
  CHECK_THROWS_WITH(parse_push_input("refs/heads/main abc refs/heads/main " + z + "\n"),
                    "pre-push: line 1 of standard input is not \"<local ref> <local id> "
                    "<remote ref> <remote id>\": \"refs/heads/main abc refs/heads/main " +
                        z + "\"");
}
