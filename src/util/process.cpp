#include "util/process.hpp"

#include "util/error.hpp"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
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

// Feeds input to the child and collects its output without deadlocking when
// both pipes fill up.
void pump(Pipe* in, const std::string* input, Pipe* out, std::string& output) {
  std::size_t written = 0;
  if (in && input->empty())
    in->close_end(1);
  while ((in && in->fds[1] >= 0) || (out && out->fds[0] >= 0)) {
    pollfd fds[2];
    int count = 0;
    if (in && in->fds[1] >= 0)
      fds[count++] = {in->fds[1], POLLOUT, 0};
    if (out && out->fds[0] >= 0)
      fds[count++] = {out->fds[0], POLLIN, 0};
    if (::poll(fds, static_cast<nfds_t>(count), -1) < 0) {
      if (errno == EINTR)
        continue;
      break;
    }
    for (int i = 0; i < count; ++i) {
      if (fds[i].revents == 0)
        continue;
      if (in && fds[i].fd == in->fds[1]) {
        ssize_t n = ::write(in->fds[1], input->data() + written, input->size() - written);
        if (n < 0 && errno != EINTR && errno != EAGAIN)
          in->close_end(1); // the child stopped reading (EPIPE): that is its right
        else if (n > 0 && (written += static_cast<std::size_t>(n)) == input->size())
          in->close_end(1);
      } else {
        char buffer[65536];
        ssize_t n = ::read(out->fds[0], buffer, sizeof buffer);
        if (n > 0)
          output.append(buffer, static_cast<std::size_t>(n));
        else if (n == 0 || (errno != EINTR && errno != EAGAIN))
          out->close_end(0);
      }
    }
  }
}

} // namespace

RunResult run_process(const std::vector<std::string>& argv, const RunOptions& options) {
  if (argv.empty())
    throw Error("internal: run_process without a program");
  std::vector<char*> args;
  for (const auto& arg : argv)
    args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);

  std::optional<Pipe> in, out;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  if (options.input) {
    in.emplace();
    posix_spawn_file_actions_adddup2(&actions, in->fds[0], STDIN_FILENO);
  }
  if (options.capture_output) {
    out.emplace();
    posix_spawn_file_actions_adddup2(&actions, out->fds[1], STDOUT_FILENO);
  }
  // A child that stops reading its input must not kill us with SIGPIPE.
  struct sigaction ignore {
  }, previous{};
  ignore.sa_handler = SIG_IGN;
  ::sigaction(SIGPIPE, &ignore, &previous);

  pid_t pid = 0;
  int rc = ::posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    ::sigaction(SIGPIPE, &previous, nullptr);
    throw Error("cannot run " + argv[0] + ": " + std::strerror(rc));
  }
  RunResult result;
  if (in)
    in->close_end(0);
  if (out)
    out->close_end(1);
  pump(in ? &*in : nullptr, options.input ? &*options.input : nullptr, out ? &*out : nullptr,
       result.output);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  ::sigaction(SIGPIPE, &previous, nullptr);
  if (WIFEXITED(status))
    result.exit_code = WEXITSTATUS(status);
  else if (WIFSIGNALED(status))
    result.exit_code = 128 + WTERMSIG(status);
  return result;
}

} // namespace preflight
