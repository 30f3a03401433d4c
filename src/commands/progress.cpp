#include "commands/progress.hpp"

#include "report/output.hpp"

#include <cstdlib>
#include <string_view>
#include <sys/ioctl.h>
#include <unistd.h>

namespace preflight::commands {

namespace {

constexpr auto k_tick = std::chrono::milliseconds(100);
constexpr std::string_view k_frames[] = {"|", "/", "-", "\\"};

std::size_t columns(std::FILE* out) {
  struct winsize size {};
  if (::ioctl(::fileno(out), TIOCGWINSZ, &size) == 0 && size.ws_col > 10)
    return size.ws_col;
  return 80;
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names)
    out += (out.empty() ? "" : ", ") + report::escape_controls(name);
  return out;
}

} // namespace

std::string format_duration(std::chrono::milliseconds elapsed) {
  long long ms = elapsed.count();
  char buffer[32];
  if (ms < 10000)
    std::snprintf(buffer, sizeof buffer, "%lld.%llds", ms / 1000, (ms % 1000) / 100);
  else if (ms < 60000)
    std::snprintf(buffer, sizeof buffer, "%llds", ms / 1000);
  else
    std::snprintf(buffer, sizeof buffer, "%lldm%02llds", ms / 60000, (ms % 60000) / 1000);
  return buffer;
}

bool Progress::terminal(std::FILE* out) {
  const char* term = std::getenv("TERM");
  return ::isatty(::fileno(out)) == 1 && !(term && std::string_view(term) == "dumb");
}

Progress::Progress(std::FILE* out, bool enabled)
    : m_out(out), m_enabled(enabled), m_live(enabled && terminal(out)),
      m_start(std::chrono::steady_clock::now()) {
  if (m_live)
    m_width = columns(out);
}

Progress::~Progress() {
  end();
}

void Progress::begin(const std::vector<std::string>& names, std::string verb) {
  if (!m_enabled)
    return;
  std::lock_guard lock(m_mutex);
  m_names = names;
  m_verb = std::move(verb);
  m_running.assign(names.size(), true);
  m_group_base = m_took.size();
  for (const std::string& name : names)
    m_took.emplace_back(name, std::chrono::milliseconds(-1)); // in the rules' order
  m_group_start = std::chrono::steady_clock::now();
  if (!m_live) {
    // A plain line for logs: what runs now, so that a hung job shows which.
    std::string line = "preflight: " + m_verb + " " + joined(names) + "\n";
    std::fwrite(line.data(), 1, line.size(), m_out);
    return;
  }
  m_stop = false;
  m_ticker = std::thread([this] { tick(); });
}

void Progress::rename(std::size_t i, const std::string& name) {
  if (!m_enabled)
    return;
  std::lock_guard lock(m_mutex);
  if (i < m_names.size())
    m_names[i] = name;
}

void Progress::erase() {
  if (m_drawn) {
    std::fputs("\r\x1b[K", m_out);
    std::fflush(m_out);
    m_drawn = false;
  }
}

void Progress::done(std::size_t i, std::chrono::milliseconds elapsed) noexcept {
  if (!m_enabled)
    return;
  std::lock_guard lock(m_mutex);
  if (i >= m_running.size())
    return;
  m_running[i] = false;
  m_took[m_group_base + i].second = elapsed;
}

void Progress::end() {
  if (!m_ticker.joinable())
    return;
  {
    std::lock_guard lock(m_mutex);
    m_stop = true;
  }
  m_wake.notify_all();
  m_ticker.join();
  std::lock_guard lock(m_mutex);
  erase(); // result lines follow
}

std::string Progress::summary() const {
  std::lock_guard lock(m_mutex);
  if (m_took.empty())
    return "";
  std::string out = "took:";
  for (const auto& [name, took] : m_took)
    if (took.count() >= 0) // not stopped before it finished
      out += (out.size() > 5 ? ", " : " ") + report::escape_controls(name) + " " +
             format_duration(took);
  auto all = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - m_start);
  return out + "; " + format_duration(all) + " in all";
}

void Progress::tick() {
  std::unique_lock lock(m_mutex);
  // The first frame waits one tick: commands that end at once draw nothing.
  while (!m_wake.wait_for(lock, k_tick, [this] { return m_stop; }))
    draw();
}

void Progress::draw() {
  std::vector<std::string> running;
  for (std::size_t i = 0; i < m_names.size(); ++i)
    if (m_running[i])
      running.push_back(m_names[i]);
  auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - m_group_start);
  std::string text = std::string(k_frames[m_frame++ % 4]) + " preflight: " + m_verb + " " +
                     joined(running) + " (" + format_duration(elapsed) + ")";
  // Never wider than the terminal: a wrapped line could not be redrawn in place.
  if (text.size() > m_width - 1) {
    std::size_t cut = m_width - 4;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xc0) == 0x80)
      --cut; // not inside a UTF-8 sequence
    text = text.substr(0, cut) + "...";
  }
  std::string line = "\r\x1b[K" + text;
  std::fwrite(line.data(), 1, line.size(), m_out);
  std::fflush(m_out);
  m_drawn = true;
}

} // namespace preflight::commands
