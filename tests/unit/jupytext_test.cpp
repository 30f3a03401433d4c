// jupytext pairing formats, paired paths, config files and cell reading.
#include "jupytext/cells.hpp"
#include "jupytext/config_file.hpp"
#include "jupytext/formats.hpp"

#include <catch2/catch.hpp>

using namespace preflight::jupytext;

namespace {

std::vector<Format> formats(std::string_view text) {
  std::string error;
  auto parsed = parse_formats(text, error);
  INFO(error);
  REQUIRE(parsed);
  return *parsed;
}

// The paths paired with path (which has extension ext) through formats.
std::vector<std::string> pairs(std::string_view path, std::string_view text,
                               std::optional<std::string_view> config_dir = std::nullopt) {
  auto all = formats(text);
  std::string ext = split_extension(path).second;
  for (const Format& format : all) {
    if (format.extension != ext)
      continue;
    if (auto paired = paired_paths(path, format, all, config_dir)) {
      std::vector<std::string> out;
      for (const auto& item : *paired)
        out.push_back(item.first);
      return out;
    }
  }
  return {};
}

using Paths = std::vector<std::string>;

} // namespace

TEST_CASE("jupytext formats parse as jupytext's long form", "[jupytext]") {
  auto f = formats("ipynb,py:percent");
  REQUIRE(f.size() == 2);
  CHECK(f[0] == Format{std::nullopt, std::nullopt, ".ipynb", std::nullopt});
  CHECK(f[1] == Format{std::nullopt, std::nullopt, ".py", "percent"});
  f = formats("ipynb,.pct.py:percent,_lgt.py:light");
  CHECK(f[1] == Format{std::nullopt, ".pct", ".py", "percent"});
  CHECK(f[2] == Format{std::nullopt, "_lgt", ".py", "light"});
  f = formats("notebooks///ipynb,scripts///py:percent");
  CHECK(f[0] == Format{"notebooks//", std::nullopt, ".ipynb", std::nullopt});
  CHECK(to_string(f[1]) == "scripts///py:percent");
  f = formats("notebook,markdown,py:bare");
  CHECK(f[1].extension == ".md");
  CHECK(f[2].format_name == "nomarker");

  std::string error;
  CHECK_FALSE(parse_format("py:fancy", error));
  CHECK(error == "\"fancy\" is not a jupytext format name");
  CHECK_FALSE(parse_format("docx", error));
  CHECK(error == "\"docx\" has no notebook extension");
  CHECK_FALSE(parse_format("auto:percent", error));
}

TEST_CASE("paired paths: same folder, suffixes and file name prefixes", "[jupytext]") {
  CHECK(pairs("notebook.ipynb", "ipynb,py") == Paths{"notebook.ipynb", "notebook.py"});
  CHECK(pairs("notebook.py", "ipynb,py") == Paths{"notebook.ipynb", "notebook.py"});
  CHECK(pairs("dir/nb.ipynb", "ipynb,py:percent,md") ==
        Paths{"dir/nb.ipynb", "dir/nb.py", "dir/nb.md"});
  CHECK(pairs("notebook.ipynb", "ipynb,.pct.py,_lgt.py") ==
        Paths{"notebook.ipynb", "notebook.pct.py", "notebook_lgt.py"});
  CHECK(pairs("notebook_lgt.py", "ipynb,.pct.py,_lgt.py") ==
        Paths{"notebook.ipynb", "notebook.pct.py", "notebook_lgt.py"});
  CHECK(pairs("a/nb.ipynb", "ipynb,py/prefix_/py") == Paths{"a/nb.ipynb", "a/py/prefix_nb.py"});
}

TEST_CASE("paired paths: prefix folders, roots and parent folders", "[jupytext]") {
  CHECK(pairs("notebooks/a.ipynb", "notebooks//ipynb,scripts//py:percent") ==
        Paths{"notebooks/a.ipynb", "scripts/a.py"});
  CHECK(pairs("proj/scripts/a.py", "notebooks//ipynb,scripts//py:percent") ==
        Paths{"proj/notebooks/a.ipynb", "proj/scripts/a.py"});
  CHECK(pairs("notebooks/sub/deep/a.ipynb", "notebooks///ipynb,scripts///py:percent") ==
        Paths{"notebooks/sub/deep/a.ipynb", "scripts/sub/deep/a.py"});
  CHECK(pairs("notebooks/a.ipynb", "notebooks///ipynb,scripts///py:percent") ==
        Paths{"notebooks/a.ipynb", "scripts/a.py"});
  CHECK(pairs("scripts/x/a.py", "notebooks///ipynb,scripts///py:percent") ==
        Paths{"notebooks/x/a.ipynb", "scripts/x/a.py"});
  CHECK(pairs("nb/a.ipynb", "ipynb,../scripts//py") == Paths{"nb/a.ipynb", "scripts/a.py"});
  // A notebook outside the prefix is not paired.
  CHECK(pairs("other/a.ipynb", "notebooks///ipynb,scripts///py:percent").empty());
  CHECK(pairs("other/a.ipynb", "notebooks//ipynb,scripts//py:percent").empty());
  // Prefix roots are found below the config file's folder only.
  CHECK(pairs("proj/notebooks/a.ipynb", "notebooks///ipynb,scripts///py", "proj") ==
        Paths{"proj/notebooks/a.ipynb", "proj/scripts/a.py"});
  CHECK(
      pairs("notebooks/proj/a.ipynb", "notebooks///ipynb,scripts///py", "notebooks/proj").empty());
}

TEST_CASE("jupytext config files: TOML, pyproject, YAML", "[jupytext]") {
  std::string error;
  auto read = [&](std::string_view name, std::string_view text) {
    auto config = read_config_formats(name, text, error);
    INFO(error);
    REQUIRE(config);
    return *config;
  };
  auto c = read("jupytext.toml", "# pairing\nformats = \"ipynb,py:percent\"  # all notebooks\n");
  CHECK(c.found);
  CHECK(c.groups == std::vector<std::string>{"ipynb,py:percent"});
  c = read("jupytext.toml", "formats = 'ipynb,md;ipynb,py'\ncomment_magics = true\n");
  CHECK(c.groups == std::vector<std::string>{"ipynb,md", "ipynb,py"});
  c = read(".jupytext", "[formats]\n\"notebooks/\" = \"ipynb\"\n\"scripts/\" = \"py:percent\"\n");
  CHECK(c.groups == std::vector<std::string>{"notebooks///ipynb,scripts///py:percent"});
  c = read("pyproject.toml",
           "[project]\nname = \"x\"\nversion = \"1.0\"\ndependencies = [\n  \"torch>=2\",\n]\n\n"
           "[tool.jupytext]\nformats = \"ipynb,py:percent\"\n\n[tool.black]\nline-length = 100\n");
  CHECK(c.found);
  CHECK(c.groups == std::vector<std::string>{"ipynb,py:percent"});
  c = read("pyproject.toml", "[tool.jupytext.formats]\n\"notebooks/\" = \"ipynb\"\n"
                             "\"scripts/\" = \"py:percent\"\n");
  CHECK(c.groups == std::vector<std::string>{"notebooks///ipynb,scripts///py:percent"});
  c = read("pyproject.toml", "[tool.jupytext]\nnotebook_metadata_filter = \"-all\"\n");
  CHECK(c.found);
  CHECK(c.groups.empty());
  c = read("pyproject.toml", "[project]\nname = \"x\"\n");
  CHECK_FALSE(c.found);
  c = read("jupytext.yml", "formats:\n  notebooks/: ipynb\n  scripts/: py:percent\n");
  CHECK(c.groups == std::vector<std::string>{"notebooks///ipynb,scripts///py:percent"});
  c = read("jupytext.json", "{\"formats\": [\"ipynb,py:percent\"]}");
  CHECK(c.groups == std::vector<std::string>{"ipynb,py:percent"});

  CHECK_FALSE(read_config_formats("jupytext.toml", "formats = \"ipynb,py\n", error));
  CHECK(error == "cannot read it as TOML: line 1: unterminated string");
  CHECK_FALSE(read_config_formats("jupytext.toml", "formats = 3\n", error));
}

// Committed files are untrusted: 40 KB of "[" overflowed the stack.
static std::string repeat(const std::string& text, int times) {
  std::string out;
  for (int i = 0; i < times; ++i)
    out += text;
  return out;
}

TEST_CASE("jupytext config files nested or sized to exhaust the reader are refused", "[jupytext]") {
  std::string error;
  for (std::string name : {"pyproject.toml", "jupytext.toml"}) {
    INFO(name);
    const std::string key = name == "pyproject.toml" ? "[tool.jupytext]\nformats = " : "formats = ";
    CHECK_FALSE(read_config_formats(name, key + std::string(40000, '['), error));
    CHECK(error == "cannot read it as TOML: line " +
                       std::string(name == "pyproject.toml" ? "2" : "1") +
                       ": values nested deeper than 64 levels");
    CHECK_FALSE(read_config_formats(name, key + repeat("{a = ", 10000), error));
    CHECK(error.ends_with("values nested deeper than 64 levels"));
    // 64 levels are still read (and then refused as no formats value).
    std::string nested = key + std::string(63, '[') + "\"ipynb,py\"" + std::string(63, ']') + "\n";
    CHECK_FALSE(read_config_formats(name, nested, error));
    CHECK(error == "\"formats\" must be a string, a list, or a table of strings");
  }
  CHECK_FALSE(read_config_formats("jupytext.yml", "formats: " + std::string(40000, '['), error));
  CHECK_FALSE(read_config_formats("jupytext.toml",
                                  "formats = \"ipynb,py\"\n" + std::string(2 << 20, '#'), error));
  CHECK(error == "larger than 1 MiB; no configuration is, so it is not read");
}

namespace {

const char* k_notebook = R"NB({
 "cells": [
  {"cell_type": "markdown", "metadata": {}, "source": ["# Training\n", "\n", "Loss curves."]},
  {"cell_type": "code", "execution_count": null, "metadata": {}, "outputs": [],
   "source": ["%matplotlib inline\n", "import torch\n", "\n", "x = torch.ones(2)"]},
  {"cell_type": "code", "execution_count": null, "metadata": {}, "outputs": [],
   "source": ["%%bash\n", "ls"]},
  {"cell_type": "code", "execution_count": null, "metadata": {}, "outputs": [],
   "source": ["def f(a):\n", "\n", "    return a"]}
 ],
 "metadata": {"jupytext": {"formats": "ipynb,py:percent"},
              "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
 "nbformat": 4, "nbformat_minor": 5
})NB";

const std::vector<Token> k_tokens = {
    {CellKind::markdown, "# Training\n\nLoss curves."},
    {CellKind::code, "%matplotlib inline"},
    {CellKind::code, "import torch"},
    {CellKind::code, "x = torch.ones(2)"},
    {CellKind::code, "def f(a):"},
    {CellKind::code, "    return a"},
};

} // namespace

TEST_CASE("notebook cells and pairing metadata", "[jupytext]") {
  std::string error;
  auto cells = read_notebook_cells(k_notebook, error);
  INFO(error);
  REQUIRE(cells);
  CHECK(cells->formats == "ipynb,py:percent");
  CHECK(cells->language == "python");
  CHECK(cells->tokens == k_tokens);
  CHECK_FALSE(read_notebook_cells("{\"cells\": 3", error));
}

TEST_CASE("percent scripts read back as the notebook's cells", "[jupytext]") {
  const char* script = "# ---\n"
                       "# jupyter:\n"
                       "#   jupytext:\n"
                       "#     formats: ipynb,py:percent\n"
                       "#     text_representation:\n"
                       "#       extension: .py\n"
                       "#       format_name: percent\n"
                       "# ---\n"
                       "\n"
                       "# %% [markdown]\n"
                       "# # Training\n"
                       "#\n"
                       "# Loss curves.\n"
                       "\n"
                       "# %%\n"
                       "# %matplotlib inline\n"
                       "import torch\n"
                       "\n"
                       "x = torch.ones(2)\n"
                       "\n"
                       "# %% language=\"bash\"\n"
                       "# ls\n"
                       "\n"
                       "# %%\n"
                       "def f(a):\n"
                       "\n"
                       "    return a\n";
  Header header = read_header(script, "#");
  CHECK(header.formats == "ipynb,py:percent");
  CHECK(header.format_name == "percent");
  CHECK(header.end_line == 8);
  CHECK(read_script_cells(script, "#", "percent") == k_tokens);
  CHECK(read_script_cells(script, "#", "") == k_tokens); // guessed from "# %%"
  std::string changed = script;
  changed.replace(changed.find("ones(2)"), 7, "ones(3)");
  CHECK(read_script_cells(changed, "#", "percent") != k_tokens);
  CHECK_FALSE(read_script_cells(script, "#", "sphinx"));
}

TEST_CASE("light scripts read back as the notebook's cells", "[jupytext]") {
  const char* script = "# # Training\n"
                       "#\n"
                       "# Loss curves.\n"
                       "\n"
                       "# %matplotlib inline\n"
                       "import torch\n"
                       "\n"
                       "x = torch.ones(2)\n"
                       "\n"
                       "# + language=\"bash\"\n"
                       "# ls\n"
                       "# -\n"
                       "\n"
                       "# +\n"
                       "def f(a):\n"
                       "\n"
                       "    return a\n"
                       "# -\n";
  CHECK(read_script_cells(script, "#", "light") == k_tokens);
  CHECK(read_script_cells(script, "#", "") == k_tokens);
  // A comment right above code belongs to the code cell.
  CHECK(read_script_cells("# setup\nimport os\n", "#", "light") ==
        std::vector<Token>{{CellKind::code, "# setup"}, {CellKind::code, "import os"}});
  CHECK(read_script_cells("# + [markdown]\n# Title\n# -\n", "#", "light") ==
        std::vector<Token>{{CellKind::markdown, "Title"}});
  // An explicit cell ends at the next explicit start when "# -" is left out.
  CHECK(read_script_cells("# + language=\"bash\"\n# ls\n\n# +\n# TODO\n\n# +\nx = 1\n", "#",
                          "light") ==
        std::vector<Token>{{CellKind::code, "# TODO"}, {CellKind::code, "x = 1"}});
  // A lone commented magic is code, not markdown.
  CHECK(read_script_cells("# %matplotlib inline\n\nx = 1\n", "#", "light") ==
        std::vector<Token>{{CellKind::code, "%matplotlib inline"}, {CellKind::code, "x = 1"}});
}

TEST_CASE("magics read back by jupytext's rules", "[jupytext]") {
  auto code = [](std::string_view text, bool python = true) {
    auto tokens = read_script_cells(text, "#", "percent", python);
    REQUIRE(tokens);
    std::vector<std::string> lines;
    for (const Token& token : *tokens)
      lines.push_back(token.text);
    return lines;
  };
  using Lines = std::vector<std::string>;
  CHECK(code("# %%\n# %time f()\n# !pip install torch\n# # %escaped\n") ==
        Lines{"%time f()", "!pip install torch", "# %escaped"});
  CHECK(code("# %%\n# ls\n# cd /data\n# files = !ls\n# torch.nn?\n    # %pdb on\n") ==
        Lines{"ls", "cd /data", "files = !ls", "torch.nn?", "    %pdb on"});
  // Ordinary comments stay comments.
  CHECK(code("# %%\n# list the files\n# ls = 3 is not a command\n# cd= 1\n# a comment?\n") ==
        Lines{"# list the files", "# ls = 3 is not a command", "# cd= 1", "# a comment?"});
  // A magic continued with a backslash.
  CHECK(code("# %%\n# !pip install \\\n#   torch\nx = 1\n") ==
        Lines{"!pip install \\", "  torch", "x = 1"});
  // Only "%" magics outside Python.
  CHECK(code("# %%\n# !x\n# %time f()\n", false) == Lines{"# !x", "%time f()"});
}

TEST_CASE("markdown files compare their code blocks", "[jupytext]") {
  const char* text = "---\njupyter:\n  jupytext:\n    formats: ipynb,md\n---\n\n"
                     "# Training\n\n```python\n%matplotlib inline\nimport torch\n\n"
                     "x = torch.ones(2)\n```\n\n```bash\nls\n```\n\n"
                     "<!-- #region -->\n```python\nnot code\n```\n<!-- #endregion -->\n\n"
                     "```python\ndef f(a):\n\n    return a\n```\n";
  CHECK(read_header(text, "").formats == "ipynb,md");
  CHECK(read_markdown_code(text, "python") == code_only(k_tokens));
}
