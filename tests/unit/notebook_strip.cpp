// nbstripout behaviour of notebook::strip_notebook on the conformance notebooks
// (the full four-way matrix runs in tests/integration/t-nbstrip-conformance.sh).
#include "notebook/strip.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <stdexcept>

using namespace preflight::notebook;

namespace {

// The file's bytes; a missing file fails the test (it must not compare "" with "").
std::string slurp(const std::string& relative) {
  std::string path = std::string(PREFLIGHT_SHARED_DIR) + "/conformance/nbstripout/" + relative;
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw std::runtime_error("missing conformance data: " + path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

StripResult run(const std::string& input, const StripOptions& options = {}) {
  return strip_notebook(slurp(input), options);
}

} // namespace

TEST_CASE("default stripping matches nbstripout on the upstream notebooks", "[notebook]") {
  for (const char* name :
       {"test_metadata", "test_unicode", "test_widgets", "test_nbformat2", "test_missing_nbformat",
        "test_execution_timing", "test_empty_metadata", "test_metadata_notebook"}) {
    INFO(name);
    StripResult r = run(std::string("e2e_notebooks/") + name + ".ipynb");
    REQUIRE_FALSE(r.failure);
    CHECK(r.output == slurp(std::string("e2e_notebooks/") + name + ".ipynb.expected"));
  }
}

TEST_CASE("options change what is kept", "[notebook]") {
  StripOptions o;
  o.keep_output = true;
  o.keep_count = true;
  CHECK(run("e2e_notebooks/test_metadata.ipynb", o).output ==
        slurp("e2e_notebooks/test_metadata_keep_output_keep_count.ipynb.expected"));
  StripOptions size;
  size.max_size = 20;
  CHECK(run("derived/inputs/types.ipynb", size).output ==
        slurp("derived/expected/types.max-size-20.expected"));
  StripOptions keep_type;
  keep_type.keep_output_types = {"stream:stderr"};
  CHECK(run("derived/inputs/types.ipynb", keep_type).output ==
        slurp("derived/expected/types.keep-output-type-stderr.expected"));
}

TEST_CASE("change detection is semantic", "[notebook]") {
  CHECK_FALSE(run("e2e_notebooks/test_nochange.ipynb").changed);
  CHECK_FALSE(run("derived/inputs/unsorted_keys.ipynb").changed);
  CHECK(run("derived/inputs/types.ipynb").changed);
  StripOptions zeppelin;
  zeppelin.mode = Mode::zeppelin;
  CHECK_FALSE(run("e2e_notebooks/test_zeppelin.zpln.expected", zeppelin).changed);
  CHECK(run("e2e_notebooks/test_zeppelin.zpln", zeppelin).output ==
        slurp("e2e_notebooks/test_zeppelin.zpln.expected"));
}

TEST_CASE("bad notebooks give located errors", "[notebook]") {
  StripResult r = run("e2e_notebooks/test_invalid_json.ipynb");
  REQUIRE(r.failure);
  CHECK(r.failure->kind == FailureKind::not_json);
  CHECK(r.failure->line > 0);
  r = run("e2e_notebooks/test_metadata_exception.ipynb");
  REQUIRE(r.failure);
  CHECK(r.failure->message ==
        "MetadataError: cell metadata contradicts tags: `keep_output` is false, but "
        "`keep_output` in tags");
  r = run("derived/inputs/nbformat5.ipynb");
  REQUIRE(r.failure);
  CHECK(r.failure->message == "Unsupported nbformat version 5");
  r = run("derived/inputs/lone.ipynb");
  REQUIRE(r.failure);
  CHECK(r.failure->kind == FailureKind::not_json);
}

TEST_CASE("removal keys and sizes follow nbstripout's parsing", "[notebook]") {
  StripOptions o;
  o.extra_keys = {"invalid", "foo.invalid", "metadata.a.b", "cell.x"};
  o.keep_metadata_keys = {"cell.metadata.scrolled"};
  KeyList keys = removal_keys(o);
  CHECK(keys.invalid == std::vector<std::string>{"invalid", "foo.invalid"});
  CHECK(keys.metadata == std::vector<std::string>{"signature", "widgets", "a.b"});
  CHECK(keys.cell.size() == 6);
  CHECK(parse_max_size("1k") == 1000u);
  CHECK(parse_max_size("2M") == 2000000u);
  CHECK(parse_max_size("50") == 50u);
  CHECK_FALSE(parse_max_size("1.5k"));
  CHECK_FALSE(parse_max_size(""));
}
