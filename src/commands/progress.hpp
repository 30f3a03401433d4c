// What the user sees while team commands run. On a terminal, one line that
// updates in place (as lefthook's spinner): the names of the commands still
// running and the time since the group started; it is erased before the
// commands' own result lines are printed. Elsewhere (a pipe, a CI log, TERM=dumb),
// one plain line per group when it starts, never an escape code. At the end,
// one line with each command's duration.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace preflight::commands {

class Progress {
public:
  // out: where to write (stderr). enabled: false prints nothing at all (-q,
  // --format json). Whether the line updates in place is decided from out.
  Progress(std::FILE* out, bool enabled);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  // A group of commands starts (names as in the rules, printed escaped).
  // verb: what the line says they do ("running", "checking").
  void begin(const std::vector<std::string>& names, std::string verb = "running");
  // Member i of the group is now called name: the built-in checks run as a
  // group of one whose name follows the check that runs.
  void rename(std::size_t i, const std::string& name);
  // Calls print with the updating line erased and not redrawn meanwhile
  // (lines printed while the group runs, such as -v's timings).
  template <class Print> void without_line(Print print) {
    std::lock_guard lock(m_mutex);
    erase();
    print();
  }
  // Member i of the group finished after elapsed. Safe from any thread.
  void done(std::size_t i, std::chrono::milliseconds elapsed) noexcept;
  // The group ended: the updating line is erased. Call before printing.
  void end();
  // "took: ruff 1.2s, mypy 0.4s; 1.3s in all", or "" when nothing ran.
  std::string summary() const;

  // Whether the line updates in place (a terminal, not TERM=dumb).
  bool live() const { return m_live; }
  // Whether out is a terminal where a line can update in place (not TERM=dumb).
  static bool terminal(std::FILE* out);

private:
  void tick();
  void draw();
  void erase(); // with m_mutex held

  std::FILE* m_out;
  bool m_enabled;
  bool m_live;
  std::size_t m_width = 80;
  std::chrono::steady_clock::time_point m_start;
  std::chrono::steady_clock::time_point m_group_start;
  mutable std::mutex m_mutex;
  std::condition_variable m_wake;
  bool m_stop = false;
  std::thread m_ticker;
  std::vector<std::string> m_names; // the current group's
  std::vector<bool> m_running;      // the current group's
  std::string m_verb = "running";
  std::size_t m_frame = 0;
  bool m_drawn = false; // a frame is on the screen (erased by end())
  // Every command begun, in order, with its duration (-1 until it is done).
  std::vector<std::pair<std::string, std::chrono::milliseconds>> m_took;
  std::size_t m_group_base = 0; // the current group's first entry in m_took
};

// "0.4s", "12s", "2m05s".
std::string format_duration(std::chrono::milliseconds elapsed);

} // namespace preflight::commands
