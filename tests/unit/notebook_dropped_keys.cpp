// Metadata values that stripping removes are left unbuilt by the parser
// (DropKeys, Lazy::raw): the results must be those of the fully built tree,
// and the AVX2 string scan must agree with the SSE2 one.
#include "notebook/json.hpp"
#include "notebook/nbformat.hpp"
#include "notebook/skip.hpp"
#include "notebook/strip.hpp"
#include "util/cpu.hpp"

#include <catch2/catch.hpp>

#include <cstring>
#include <fstream>
#include <iterator>

using namespace preflight::notebook;

namespace {

// read_notebook without DropKeys, strip, write: everything built.
StripResult reference(std::string_view input, const StripOptions& options, bool render) {
  Arena arena;
  std::span<char> buffer = padded_copy(arena, input);
  StripResult result;
  try {
    Notebook nb = read_notebook(buffer);
    result.changed = strip(nb, options, removal_keys(options));
    if (render)
      write_notebook(nb, result.output);
  } catch (const NotebookError& e) {
    result.failure = Failure{e.kind(), e.what(), e.line(), e.column(), e.offset()};
    result.output.clear();
  }
  return result;
}

std::string v4(std::string_view cell_metadata, std::string_view notebook_metadata,
               std::string_view cell_extra = "") {
  return std::string(R"({"cells": [{"cell_type": "code", "execution_count": 1, )") +
         std::string(cell_extra) + R"("id": "a", "metadata": )" + std::string(cell_metadata) +
         R"(, "outputs": [{"name": "stdout", "output_type": "stream", "text": "1\n"}], "source": "x"}, {"cell_type": "markdown", "id": "b", "metadata": )" +
         std::string(cell_metadata) + R"(, "source": ""}], "metadata": )" +
         std::string(notebook_metadata) + R"(, "nbformat": 4, "nbformat_minor": 5})";
}

std::string v3(std::string_view cell_metadata, std::string_view notebook_metadata) {
  return std::string(R"({"metadata": )") + std::string(notebook_metadata) +
         R"(, "nbformat": 3, "nbformat_minor": 0, "worksheets": [{"cells": [{"cell_type": )"
         R"("code", "input": "a", "language": "python", "metadata": )" +
         std::string(cell_metadata) +
         R"(, "outputs": [{"output_type": "stream", "stream": "stdout", "text": "1\n"}], )"
         R"("prompt_number": 1}], "metadata": {}}]})";
}

std::string nested(int depth) {
  return std::string(static_cast<std::size_t>(depth), '[') +
         std::string(static_cast<std::size_t>(depth), ']');
}

} // namespace

TEST_CASE("dropped metadata values strip as built ones do", "[notebook]") {
  std::vector<std::string> cell_metas = {
      "{}",
      R"({"ExecuteTime": {"end_time": "x", "start_time": "y"}, "collapsed": false,
          "scrolled": [1, {"a": []}], "execution": {"iopub": "\u00e9\n"}})",
      R"({"execution": {"a": NaN}, "hidden": [Infinity]})",
      R"({"execution": {"a": 123456789012345678901234567890}, "scrolled": [1e400]})",
      R"({"execution": {"a": "\ud800"}})",
      R"({"ExecuteTime": {"a": 1}, "ExecuteTime": [2], "collapsed": {}})",
      R"({"tags": ["keep_output"], "ExecuteTime": {}, "keep_output": {"x": 1}})",
      R"({"init_cell": {"a": 1}, "tags": {"b": []}, "trusted": {"c": 2}})",
      R"({"foo": {"bar": 1, "baz": 2}, "a.b": {"c": 1}, "a": {"b": {}}})",
      R"({"execution": {"a": tru}})",
      R"({"execution": {"a": 1,}})",
      "{\"execution\": " + nested(896) + "}",
      "{\"execution\": " + nested(897) + "}",
      "{\"other\": " + nested(896) + "}",
      "{\"other\": " + nested(897) + "}",
  };
  std::vector<std::string> notebook_metas = {
      "{}",
      R"({"widgets": {"application/vnd.jupyter.widget-state+json": {"state": {}}},
          "signature": "x", "keep_output": true})",
      R"({"widgets": [{"a": NaN}], "keep_output": [], "foo": {"bar": [1]}})",
  };
  std::vector<StripOptions> option_sets(9);
  option_sets[1].keep_metadata_keys = {"cell.metadata.execution", "metadata.widgets"};
  option_sets[2].extra_keys = {"cell.metadata.foo",    "cell.metadata.foo.bar", "cell.metadata.a.b",
                               "metadata.keep_output", "cell.metadata.tags",    "metadata.foo.bar"};
  option_sets[3].extra_keys = {"cell.metadata", "cell.metadata.init_cell", "metadata.foo"};
  option_sets[4].keep_output = true;
  option_sets[5].drop_tagged_cells = {"keep_output"};
  option_sets[6].extra_keys = {"cell.metadata.ExecuteTime.a", "metadata.widgets.x"};
  option_sets[7].keep_metadata_keys = {"cell.metadata.ExecuteTime", "cell.metadata.collapsed"};
  option_sets[8].drop_tagged_cells = {"keep_output"};
  option_sets[8].extra_keys = {"cell.metadata.tags"};
  int compared = 0;
  for (const std::string& cell : cell_metas)
    for (const std::string& meta : notebook_metas)
      for (const std::string& input :
           {v4(cell, meta), v3(cell, meta), v4(cell, meta, R"("metadata.ExecuteTime": 3, )")})
        for (const StripOptions& options : option_sets)
          for (bool render : {true, false}) {
            INFO(input << "\noption set " << (&options - option_sets.data()) << " render "
                       << render);
            StripResult want = reference(input, options, render);
            StripResult got = strip_notebook(input, options, render);
            CHECK(got.output == want.output);
            CHECK(got.changed == want.changed);
            REQUIRE(got.failure.has_value() == want.failure.has_value());
            if (want.failure) {
              CHECK(got.failure->message == want.failure->message);
              CHECK(got.failure->line == want.failure->line);
              CHECK(got.failure->column == want.failure->column);
            }
            ++compared;
          }
  CHECK(compared == 15 * 3 * 3 * 9 * 2);
}

TEST_CASE("dropped metadata values are kept as raw JSON until loaded", "[notebook]") {
  std::string json = R"({"metadata": {"widgets": {"a": [1, {}]}, "w": {"a": 1}, "e": { },
    "s": "x"}, "cells": [{"metadata": {"ExecuteTime": [ ], "x": [1]}}]})";
  DropKeys drop{{"widgets", "e", "s"}, {"ExecuteTime"}};
  Arena arena;
  std::span<char> buffer = padded_copy(arena, json);
  ParseError error;
  std::optional<Document> doc = parse_notebook_buffer(buffer, error, &drop);
  REQUIRE(doc);
  Value& meta = *doc->root.find("metadata");
  Value& widgets = *meta.find("widgets");
  CHECK(widgets.lazy == Lazy::raw);
  CHECK(widgets.is_object());
  CHECK(widgets.text == R"({"a": [1, {}]})");
  CHECK(widgets.truthy());
  CHECK(meta.find("w")->lazy == Lazy::no); // not listed
  CHECK(meta.find("e")->lazy == Lazy::raw);
  CHECK_FALSE(meta.find("e")->truthy());
  CHECK(meta.find("s")->is_string()); // scalars are built
  Value& time = *doc->root.find("cells")->items[0].find("metadata")->find("ExecuteTime");
  CHECK(time.lazy == Lazy::raw);
  CHECK(time.is_array());
  CHECK_FALSE(time.truthy());
  doc->load(widgets);
  CHECK(widgets.lazy == Lazy::no);
  REQUIRE(widgets.find("a"));
  CHECK(widgets.find("a")->items.size() == 2);
}

TEST_CASE("droppable keys are single names that stripping never reads", "[notebook]") {
  auto names = [](const std::vector<std::string_view>& v) {
    return std::vector<std::string>(v.begin(), v.end());
  };
  StripOptions defaults;
  KeyList keys = removal_keys(defaults);
  DropKeys drop = droppable_keys(keys);
  CHECK(names(drop.notebook_metadata) == std::vector<std::string>{"signature", "widgets"});
  CHECK(names(drop.cell_metadata) == std::vector<std::string>{"collapsed", "ExecuteTime",
                                                              "execution", "heading_collapsed",
                                                              "hidden", "scrolled"});
  StripOptions o;
  o.extra_keys = {"cell.metadata.tags",
                  "cell.metadata.keep_output",
                  "cell.metadata.init_cell",
                  "cell.metadata.trusted",
                  "cell.metadata.execution.x",
                  "cell.metadata.a.b",
                  "metadata.keep_output",
                  "metadata.foo.bar",
                  "metadata.widgets.state",
                  "cell.metadata.new",
                  "cell.other",
                  "metadata.new"};
  o.keep_metadata_keys = {"cell.metadata.collapsed"};
  keys = removal_keys(o);
  drop = droppable_keys(keys);
  CHECK(names(drop.notebook_metadata) == std::vector<std::string>{"signature", "new"});
  CHECK(names(drop.cell_metadata) ==
        std::vector<std::string>{"ExecuteTime", "heading_collapsed", "hidden", "scrolled", "new"});
}

TEST_CASE("the skipper's AVX2 and SSE2 string scans end strings at the same byte", "[notebook]") {
  // On a CPU without AVX2 both calls take the SSE2 path and agree trivially:
  // say so, and make sure the detection is not what turned AVX2 off.
  std::ifstream cpuinfo("/proc/cpuinfo");
  std::string info((std::istreambuf_iterator<char>(cpuinfo)), std::istreambuf_iterator<char>());
  // (Under qemu-user, an arm64 build reads the x86-64 host's list: no AVX2 there.)
#if defined(__x86_64__)
  bool listed = info.find(" avx2") != std::string::npos;
#else
  bool listed = false;
#endif
  CHECK(preflight::cpu_has_avx2() == listed);
  if (!listed)
    WARN("this CPU has no AVX2: only the SSE2 scan is tested here");
  alignas(64) char buffer[512];
  for (char stop : {'"', '\\', '\n', '\x1f', '\0', '\xc3'})
    for (std::size_t start = 0; start < 64; ++start)
      for (std::size_t length = 0; length < 160; ++length) {
        // ["aaa<stop>", ...: the string runs from start to its first stop.
        std::memset(buffer, 'a', sizeof buffer);
        buffer[sizeof buffer - 1] = '\0';
        buffer[start] = '[';
        buffer[start + 1] = '"';
        std::size_t at = start + 2 + length;
        buffer[at] = stop;
        if (stop == '\\')
          buffer[at + 1] = 'n'; // a simple escape, then the string goes on
        if (stop == '\xc3')
          buffer[at + 1] = '\xa9'; // é: plain, but not ASCII
        std::size_t close = stop == '"' ? at : at + 2;
        buffer[close] = '"';
        buffer[close + 1] = ']';
        buffer[close + 2] = '\0'; // the NUL after the text
        std::string_view text(buffer, close + 2);
        INFO("stop " << int(stop) << " start " << start << " length " << length);
        SkipResult avx2 = skip_plain_array(text, start, 900, true);
        SkipResult sse2 = skip_plain_array(text, start, 900, false);
        bool plain = stop != '\n' && stop != '\x1f' && stop != '\0';
        CHECK(avx2.ok == plain);
        CHECK(sse2.ok == plain);
        if (plain) {
          CHECK(avx2.end == close + 1);
          CHECK(sse2.end == close + 1);
          CHECK(avx2.ascii == (stop != '\xc3'));
          CHECK(sse2.ascii == avx2.ascii);
        }
      }
}
