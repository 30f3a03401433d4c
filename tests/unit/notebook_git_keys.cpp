// nbstripout's git config keys added to the notebook settings: what a
// repository migrating from nbstripout keeps (docs/notebooks.md).
#include "notebook/settings.hpp"
#include "notebook/strip.hpp"

#include <catch2/catch.hpp>

#include <map>

using namespace preflight;

namespace {

notebook::GitConfigLookup config_of(std::map<std::string, std::string, std::less<>> values) {
  return [values = std::move(values)](std::string_view key) -> std::optional<std::string> {
    auto it = values.find(key);
    if (it == values.end())
      return std::nullopt;
    return it->second;
  };
}

} // namespace

TEST_CASE("nbstripout's git keys are added to the rules' keys, split as str.split()",
          "[notebook-git-keys]") {
  notebook::StripOptions strip;
  strip.extra_keys = {"metadata.baz"};
  strip.keep_metadata_keys = {"cell.metadata.hidden"};
  notebook::add_nbstripout_git_keys(
      strip, config_of({{"filter.nbstripout.extrakeys", " metadata.foo\tcell.metadata.bar \n"},
                        {"filter.nbstripout.keepmetadatakeys", "cell.metadata.scrolled"}}));
  CHECK(strip.extra_keys ==
        std::vector<std::string>{"metadata.baz", "metadata.foo", "cell.metadata.bar"});
  CHECK(strip.keep_metadata_keys ==
        std::vector<std::string>{"cell.metadata.hidden", "cell.metadata.scrolled"});
}

TEST_CASE("no nbstripout git keys, or blank ones, change nothing", "[notebook-git-keys]") {
  notebook::StripOptions strip;
  strip.extra_keys = {"metadata.baz"};
  notebook::add_nbstripout_git_keys(strip, config_of({}));
  notebook::add_nbstripout_git_keys(strip, config_of({{"filter.nbstripout.extrakeys", " "}}));
  CHECK(strip.extra_keys == std::vector<std::string>{"metadata.baz"});
  CHECK(strip.keep_metadata_keys.empty());
}

TEST_CASE("the git keys strip as nbstripout's flags would", "[notebook-git-keys]") {
  const std::string notebook =
      R"({"cells": [{"cell_type": "code", "execution_count": null, "metadata": {"bar": 1, )"
      R"("scrolled": true}, "outputs": [], "source": ""}], "metadata": {"foo": 1}, )"
      R"("nbformat": 4, "nbformat_minor": 4})";
  notebook::StripOptions strip;
  notebook::add_nbstripout_git_keys(
      strip, config_of({{"filter.nbstripout.extrakeys", "metadata.foo cell.metadata.bar"},
                        {"filter.nbstripout.keepmetadatakeys", "cell.metadata.scrolled"}}));
  notebook::StripResult result = notebook::strip_notebook(notebook, strip);
  REQUIRE_FALSE(result.failure);
  CHECK(result.output == "{\n \"cells\": [\n  {\n   \"cell_type\": \"code\",\n"
                         "   \"execution_count\": null,\n   \"metadata\": {\n"
                         "    \"scrolled\": true\n   },\n   \"outputs\": [],\n"
                         "   \"source\": []\n  }\n ],\n \"metadata\": {},\n"
                         " \"nbformat\": 4,\n \"nbformat_minor\": 4\n}\n");
}
