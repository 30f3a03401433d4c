#include "util/process.hpp"

#include "util/error.hpp"
#include "util/strings.hpp"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <map>
#include <mutex>
#include <poll.h>
#include <pthread.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace preflight {

namespace {

struct Pipe {
  int fds[2] = {-1, -1};
  Pipe() {
    if (::pipe2(fds, O_CLOEXEC) != 0)
      throw Error(std::string("cannot create a pipe: ") + std::strerror(errno));
  }
  ~Pipe() {
    close_end(0);
    close_end(1);
  }
  void close_end(int end) {
    if (fds[end] >= 0)
      ::close(fds[end]);
    fds[end] = -1;
  }
};

using Clock = std::chrono::steady_clock;

// How long output is still read after the command exits (see run_process).
constexpr std::chrono::milliseconds k_drain{200};
// Longer timeouts are cut to this, so that now + timeout cannot overflow.
constexpr std::chrono::milliseconds k_longest_timeout = std::chrono::hours(24 * 365);

// A descriptor that becomes readable when the child exits (Linux 5.3+), or -1.
int open_pidfd(pid_t pid) {
#ifdef SYS_pidfd_open
  long fd = ::syscall(SYS_pidfd_open, pid, 0);
  if (fd >= 0) {
    ::fcntl(static_cast<int>(fd), F_SETFD, FD_CLOEXEC);
    return static_cast<int>(fd);
  }
#endif
  (void)pid;
  return -1;
}

// Feeds input to the child, collects its output without deadlocking when both
// pipes fill up, waits for it, and stops it on timeout or cancellation.
class Supervisor {
public:
  Supervisor(pid_t pid, const RunOptions& options, Pipe* in, Pipe* out)
      : m_pid(pid), m_options(options), m_in(in), m_out(out) {
    m_watch = options.timeout.count() > 0 || options.cancel;
    if (options.timeout.count() > 0)
      m_deadline = Clock::now() + std::min(options.timeout, k_longest_timeout);
    // The pidfd tells when the command itself exits, even while something it
    // started in the background still holds the output pipe.
    m_pidfd = open_pidfd(pid);
  }
  ~Supervisor() {
    if (m_pidfd >= 0)
      ::close(m_pidfd);
  }

  void run(RunResult& result) {
    const std::string* input = m_options.input ? &*m_options.input : nullptr;
    if (m_in && input->empty())
      m_in->close_end(1);
    while (open(m_in, 1) || open(m_out, 0) || !m_done) {
      if (!m_watch && !open(m_in, 1) && !open(m_out, 0)) {
        wait(0);
        break;
      }
      if (m_done && drained())
        break; // what the command left running in the background keeps the pipe
      pollfd fds[3];
      nfds_t count = 0;
      if (open(m_in, 1))
        fds[count++] = {m_in->fds[1], POLLOUT, 0};
      if (open(m_out, 0))
        fds[count++] = {m_out->fds[0], POLLIN, 0};
      if (!m_done && m_pidfd >= 0)
        fds[count++] = {m_pidfd, POLLIN, 0};
      int rc = ::poll(fds, count, poll_timeout());
      if (rc < 0 && errno != EINTR)
        break;
      for (nfds_t i = 0; rc > 0 && i < count; ++i) {
        if (fds[i].revents == 0)
          continue;
        if (m_in && fds[i].fd == m_in->fds[1])
          write_some(*input);
        else if (m_out && fds[i].fd == m_out->fds[0])
          read_some(result.output);
      }
      if (!m_done)
        wait(WNOHANG);
      if (m_watch)
        stop_if_due(result);
    }
    if (!m_done)
      wait(0);
    if (m_wait_error != 0) {
      // Without a status there is no telling whether it passed: it did not.
      result.exit_code = 255;
      result.output += std::string("preflight: lost track of the command: ") +
                       std::strerror(m_wait_error) + "\n";
    } else if (WIFEXITED(m_status)) {
      result.exit_code = WEXITSTATUS(m_status);
    } else if (WIFSIGNALED(m_status)) {
      result.exit_code = 128 + WTERMSIG(m_status);
    }
  }

private:
  pid_t m_pid;
  const RunOptions& m_options;
  Pipe* m_in;
  Pipe* m_out;
  bool m_watch = false;
  bool m_done = false;
  int m_status = 0;
  int m_wait_error = 0; // errno of a failed waitpid
  std::optional<Clock::time_point> m_drain_until;
  int m_pidfd = -1;
  std::size_t m_written = 0;
  std::optional<Clock::time_point> m_deadline;
  std::optional<Clock::time_point> m_stopped_at;

  static bool open(Pipe* pipe, int end) { return pipe && pipe->fds[end] >= 0; }

  // After the command exits, the output its background children may still
  // write is read for k_drain at most; nothing waits for them.
  bool drained() {
    auto now = Clock::now();
    if (!m_drain_until)
      m_drain_until = now + k_drain;
    return now >= *m_drain_until;
  }

  int poll_timeout() const {
    if (m_done && m_drain_until) {
      auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(*m_drain_until - Clock::now());
      return static_cast<int>(std::clamp<long long>(left.count() + 1, 0, k_drain.count()));
    }
    if (!m_watch)
      return m_pidfd >= 0 ? -1 : 100; // without a pidfd, waitpid is polled
    // Without a pidfd the child's exit is noticed by polling waitpid.
    int step = m_pidfd >= 0 || open(m_out, 0) ? 100 : 5;
    if (m_deadline && !m_stopped_at) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(*m_deadline - Clock::now());
      step = static_cast<int>(std::clamp<long long>(left.count() + 1, 0, step));
    }
    return step;
  }

  void wait(int flags) {
    int status = 0;
    pid_t rc;
    while ((rc = ::waitpid(m_pid, &status, flags)) < 0 && errno == EINTR) {
    }
    if (rc == m_pid) {
      m_done = true;
      m_status = status;
    } else if (rc < 0) {
      m_done = true; // nothing left to wait for, and no status: a failure
      m_wait_error = errno;
    }
  }

  void signal(int sig) const {
    if (m_options.own_group)
      ::kill(-m_pid, sig);
    else if (!m_done)
      ::kill(m_pid, sig);
  }

  void stop_if_due(RunResult& result) {
    auto now = Clock::now();
    if (!m_stopped_at) {
      bool timed_out = m_deadline && now >= *m_deadline;
      bool cancelled = m_options.cancel && m_options.cancel->load();
      if (!timed_out && !cancelled)
        return;
      result.timed_out = timed_out;
      result.cancelled = cancelled && !timed_out;
      m_stopped_at = now;
      signal(SIGTERM);
    } else if (now - *m_stopped_at > std::chrono::seconds(2)) {
      signal(SIGKILL);
      m_stopped_at = now - std::chrono::seconds(1); // again in a second if needed
    }
  }

  void write_some(const std::string& input) {
    ssize_t n = ::write(m_in->fds[1], input.data() + m_written, input.size() - m_written);
    if (n < 0 && errno != EINTR && errno != EAGAIN)
      m_in->close_end(1); // the child stopped reading (EPIPE): that is its right
    else if (n > 0 && (m_written += static_cast<std::size_t>(n)) == input.size())
      m_in->close_end(1);
  }

  void read_some(std::string& output) {
    char buffer[65536];
    ssize_t n = ::read(m_out->fds[0], buffer, sizeof buffer);
    if (n > 0)
      output.append(buffer, static_cast<std::size_t>(n));
    else if (n == 0 || (errno != EINTR && errno != EAGAIN))
      m_out->close_end(0);
  }
};

// environ with the overrides applied: replaced in place, or appended.
std::vector<std::string> child_environment(const RunOptions& options) {
  std::vector<std::string> env;
  for (char** entry = environ; *entry; ++entry) {
    std::string_view text(*entry);
    std::string_view name = text.substr(0, text.find('='));
    bool replaced = false;
    for (const auto& [key, value] : options.env)
      replaced = replaced || key == name;
    if (!replaced)
      env.emplace_back(text);
  }
  for (const auto& [key, value] : options.env)
    env.push_back(key + "=" + value);
  return env;
}

// The file posix_spawnp would run for a program name without a slash, found
// once per process and name: spawnp tries every PATH folder in the child, one
// failed execve each, for every command. nullopt leaves the search to spawnp:
// a name not found, or a PATH with relative folders (they depend on the
// child's working directory).
std::optional<std::string> program_in_path(const std::string& name) {
  static std::mutex mutex;
  static std::map<std::string, std::optional<std::string>> known;
  std::lock_guard lock(mutex);
  if (auto it = known.find(name); it != known.end())
    return it->second;
  std::optional<std::string> found;
  const char* path = std::getenv("PATH");
  for (const std::string& folder : split(path ? path : "/bin:/usr/bin", ':')) {
    if (folder.empty() || folder[0] != '/')
      break; // relative to the child's folder: spawnp searches
    std::string candidate = folder + "/" + name;
    struct stat st {};
    if (::stat(candidate.c_str(), &st) == 0 && S_ISREG(st.st_mode) &&
        ::access(candidate.c_str(), X_OK) == 0) {
      found = std::move(candidate);
      break;
    }
  }
  known.emplace(name, found);
  return found;
}

// A process started with SIGCHLD ignored (or SA_NOCLDWAIT) has its children
// reaped by the kernel, so waitpid could never report a command's exit status.
// Done once, before the first child: the disposition is process-wide.
void reap_children_ourselves() {
  static std::once_flag once;
  std::call_once(once, [] {
    struct sigaction current {};
    if (::sigaction(SIGCHLD, nullptr, &current) != 0)
      return;
    if (current.sa_handler == SIG_IGN || (current.sa_flags & SA_NOCLDWAIT)) {
      struct sigaction standard {};
      standard.sa_handler = SIG_DFL;
      sigemptyset(&standard.sa_mask);
      ::sigaction(SIGCHLD, &standard, nullptr);
    }
  });
}

} // namespace

std::size_t argument_budget() {
  long max = ::sysconf(_SC_ARG_MAX);
  if (max <= 0)
    max = 131072; // POSIX's minimum is 4096; Linux has never had less than this
  std::size_t used = 0;
  for (char** entry = environ; *entry; ++entry)
    used += std::strlen(*entry) + 1 + sizeof(char*);
  // Margin for the kernel's own bookkeeping (auxv, the program path) and for
  // variables a command's env adds.
  std::size_t margin = 8192;
  std::size_t limit = static_cast<std::size_t>(max);
  return limit > used + margin + 4096 ? limit - used - margin : 4096;
}

RunResult run_process(const std::vector<std::string>& argv, const RunOptions& options) {
  if (argv.empty())
    throw Error("internal: run_process without a program");
  std::vector<char*> args;
  for (const auto& arg : argv)
    args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  std::vector<std::string> env_storage;
  std::vector<char*> envp;
  if (!options.env.empty()) {
    env_storage = child_environment(options);
    for (auto& entry : env_storage)
      envp.push_back(entry.data());
    envp.push_back(nullptr);
  }

  std::optional<Pipe> in, out;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  if (options.input) {
    in.emplace();
    posix_spawn_file_actions_adddup2(&actions, in->fds[0], STDIN_FILENO);
  } else if (options.null_input) {
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  }
  if (options.capture_output) {
    out.emplace();
    posix_spawn_file_actions_adddup2(&actions, out->fds[1], STDOUT_FILENO);
    if (options.merge_stderr)
      posix_spawn_file_actions_adddup2(&actions, out->fds[1], STDERR_FILENO);
  }
  std::string cwd = options.cwd ? options.cwd->string() : std::string();
  if (options.cwd)
    posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  // A child that stops reading its input must not kill us with SIGPIPE: the
  // signal is blocked in this thread only (the mask is per thread), and the
  // child starts with the caller's mask and default dispositions.
  sigset_t pipe_only, caller_mask, defaults;
  sigemptyset(&pipe_only);
  sigaddset(&pipe_only, SIGPIPE);
  ::pthread_sigmask(SIG_BLOCK, &pipe_only, &caller_mask);
  posix_spawnattr_setsigmask(&attributes, &caller_mask);
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGPIPE);
  sigaddset(&defaults, SIGCHLD);
  posix_spawnattr_setsigdefault(&attributes, &defaults);
  int flags = POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF;
  if (options.own_group) {
    posix_spawnattr_setpgroup(&attributes, 0);
    flags |= POSIX_SPAWN_SETPGROUP;
  }
  posix_spawnattr_setflags(&attributes, static_cast<short>(flags));
  struct PipeMask {
    const sigset_t& pipe_only;
    const sigset_t& caller_mask;
    ~PipeMask() {
      // A SIGPIPE raised by writing the child's input is pending here: drop it.
      const timespec now{0, 0};
      while (::sigtimedwait(&pipe_only, nullptr, &now) == SIGPIPE) {
      }
      ::pthread_sigmask(SIG_SETMASK, &caller_mask, nullptr);
    }
  } restore_mask{pipe_only, caller_mask};
  reap_children_ourselves();

  pid_t pid = 0;
  std::optional<std::string> program;
  if (argv[0].find('/') == std::string::npos && !argv[0].empty())
    program = program_in_path(argv[0]);
  // posix_spawn reports a failed exec only where the child shares our memory
  // until it execs (glibc's CLONE_VFORK); under qemu-user, and wherever the
  // child is a plain fork, it "succeeds" and the child exits 127. An absolute
  // path that cannot run fails the same way everywhere, before the spawn.
  const std::string& file = program ? *program : argv[0];
  int rc = 0;
  if (file.starts_with('/') && ::access(file.c_str(), X_OK) != 0) {
    rc = errno;
  } else {
    char** child_env = envp.empty() ? environ : envp.data();
    rc = program
             ? ::posix_spawn(&pid, program->c_str(), &actions, &attributes, args.data(), child_env)
             : ::posix_spawnp(&pid, args[0], &actions, &attributes, args.data(), child_env);
  }
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  if (rc != 0) {
    std::string where = options.cwd ? " in " + cwd : "";
    throw Error("cannot run " + argv[0] + where + ": " + std::strerror(rc));
  }
  RunResult result;
  if (in)
    in->close_end(0);
  if (out)
    out->close_end(1);
  Supervisor(pid, options, in ? &*in : nullptr, out ? &*out : nullptr).run(result);
  return result;
}

} // namespace preflight
