// Which of a subcommand's options its command line can use, so that only those
// are set up in CLI11.
//
// Setting up an option in CLI11 costs ~13,000 instructions and its heap (each
// new one is also compared with every earlier one): nbstrip's 20 options were
// ~40% of the instructions of `git diff` showing a 100 KB notebook through
// `preflight nbstrip --textconv`. The answer errs on the side of yes: asking
// for help, or any word that looks like an option none of `known` names, sets
// up every option, so CLI11's help and errors are the same as before.
#pragma once

#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace preflight::cli {

class NeededOptions {
public:
  // args: the words after the subcommand's name; known: every option name the
  // subcommand and its parent take, each as in CLI11 ("-m", "--mode").
  NeededOptions(std::span<const std::string_view> args,
                std::initializer_list<std::string_view> known);

  // Whether the option with these CLI11 names ("-m,--mode") must be set up;
  // always for a positional one ("files").
  bool operator()(std::string_view names) const;
  bool all() const { return m_all; }

private:
  std::vector<std::string_view> m_long; // --names the words use
  std::string m_short;                  // letters of the -x options they may use
  bool m_all = false;
};

} // namespace preflight::cli
