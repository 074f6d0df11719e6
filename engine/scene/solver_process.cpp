#include "engine/scene/solver_process.hpp"

#include "engine/core/one_line.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <string>

#ifndef __EMSCRIPTEN__
#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <csignal>
#ifdef __linux__
#include <sys/prctl.h>
#endif
#endif

namespace losscape {

#ifdef __EMSCRIPTEN__

Result<std::unique_ptr<SolverProcess>> SolverProcess::start(const std::string&, const std::string&) {
  return Error{"the browser build cannot start a solver process (run losscape on a computer for --solver)"};
}
SolverProcess::~SolverProcess() = default;
Status SolverProcess::send(const std::string&) { return Error{"no process"}; }
Result<std::string> SolverProcess::receive(double) { return Error{"no process"}; }

#else

namespace {

constexpr std::size_t kErrorTail = 4096;  // bytes of its stderr kept, for its last line

void close_fd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

// "1.5 s", "0.5 s", "5 s": the timeout as given.
std::string seconds_text(double seconds) {
  char text[32];
  std::snprintf(text, sizeof text, "%g s", seconds);
  return text;
}

}  // namespace

Result<std::unique_ptr<SolverProcess>> SolverProcess::start(const std::string& command, const std::string& directory) {
  int input[2], output[2], errors[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, input) != 0) {
    return Error{std::string("cannot make its pipes: ") + std::strerror(errno)};
  }
  if (::pipe2(output, O_CLOEXEC) != 0) {
    ::close(input[0]), ::close(input[1]);
    return Error{std::string("cannot make its pipes: ") + std::strerror(errno)};
  }
  if (::pipe2(errors, O_CLOEXEC) != 0) {
    ::close(input[0]), ::close(input[1]), ::close(output[0]), ::close(output[1]);
    return Error{std::string("cannot make its pipes: ") + std::strerror(errno)};
  }
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid == 0) {
    // The child: only async-signal-safe calls until exec (losscape may have other threads).
    ::setpgid(0, 0);
#ifdef __linux__
    // Killed when the thread that started it ends: the balls step on the thread that owns the
    // simulation (copies in background jobs never start a process: ExternalSolver::clone).
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(127);
#endif
    ::signal(SIGPIPE, SIG_DFL);
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    ::dup2(input[1], 0), ::dup2(output[1], 1), ::dup2(errors[1], 2);  // dup2 clears CLOEXEC on 0-2
    if (!directory.empty() && ::chdir(directory.c_str()) != 0) {
      static const char message[] = "losscape: cannot enter the solver's folder\n";
      [[maybe_unused]] const auto written = ::write(2, message, sizeof message - 1);
      ::_exit(126);
    }
    ::execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::close(input[1]), ::close(output[1]), ::close(errors[1]);
  if (pid < 0) {
    ::close(input[0]), ::close(output[0]), ::close(errors[0]);
    return Error{std::string("cannot start a process: ") + std::strerror(errno)};
  }
  ::setpgid(pid, pid);  // also here, so a kill right away reaches the group
  std::unique_ptr<SolverProcess> process(new SolverProcess());
  process->pid_ = pid;
  process->to_child_ = input[0];
  process->from_child_ = output[0];
  process->errors_ = errors[0];
  return process;
}

SolverProcess::~SolverProcess() {
  kill_and_reap();
  close_fd(to_child_);
  close_fd(from_child_);
  close_fd(errors_);
}

void SolverProcess::kill_and_reap() {
  if (pid_ <= 0) return;
  ::kill(-pid_, SIGKILL);
  ::kill(pid_, SIGKILL);
  while (::waitpid(pid_, nullptr, 0) < 0 && errno == EINTR) {
  }
  pid_ = -1;
}

Status SolverProcess::send(const std::string& line) {
  const std::string text = line + "\n";
  std::size_t sent = 0;
  while (sent < text.size()) {
    const ssize_t n = ::send(to_child_, text.data() + sent, text.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return Error{describe_end()};
    sent += static_cast<std::size_t>(n);
  }
  return {};
}

void SolverProcess::read_errors(int timeout_ms) {
  while (errors_ >= 0) {
    pollfd fd{errors_, POLLIN, 0};
    const int ready = ::poll(&fd, 1, timeout_ms);
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) return;
    char buffer[4096];
    const ssize_t n = ::read(errors_, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      close_fd(errors_);
      return;
    }
    errors_tail_.append(buffer, static_cast<std::size_t>(n));
    if (errors_tail_.size() > kErrorTail) errors_tail_.erase(0, errors_tail_.size() - kErrorTail);
  }
}

std::string SolverProcess::last_error_line() const {
  std::string text = errors_tail_;
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  const std::size_t newline = text.find_last_of('\n');
  std::string line = newline == std::string::npos ? text : text.substr(newline + 1);
  constexpr std::size_t kShown = 200;
  if (line.size() > kShown) line = line.substr(0, kShown) + "...";
  return one_line(line);
}

std::string SolverProcess::describe_end() {
  if (pid_ <= 0) return "the solver is not running";
  // It closed its stdout or its stdin: give it a moment to exit (a process that closes its
  // output on the way out has usually gone within microseconds).
  int status = 0;
  pid_t ended = 0;
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::milliseconds(500);
  while ((ended = ::waitpid(pid_, &status, WNOHANG)) == 0 && std::chrono::steady_clock::now() < give_up) {
    read_errors(5);
  }
  std::string what;
  if (ended == pid_) {
    pid_ = -1;
    ::kill(-ended, SIGKILL);  // anything it left behind in its group
    read_errors(50);
    if (WIFEXITED(status) && (WEXITSTATUS(status) == 127 || WEXITSTATUS(status) == 126)) {
      what = "the solver could not start (exit status " + std::to_string(WEXITSTATUS(status)) + ")";
    } else if (WIFEXITED(status) && WEXITSTATUS(status) > 128 && WEXITSTATUS(status) - 128 < NSIG) {
      // The shell ran the command as its child, which a signal killed: sh exits 128 + N.
      const int signal = WEXITSTATUS(status) - 128;
      const char* name = ::strsignal(signal);
      what = "the solver was killed by signal " + std::to_string(signal) + (name ? std::string(" (") + name + ")" : "");
    } else if (WIFEXITED(status)) {
      what = "the solver exited with status " + std::to_string(WEXITSTATUS(status));
    } else if (WIFSIGNALED(status)) {
      const char* name = ::strsignal(WTERMSIG(status));
      what = "the solver was killed by signal " + std::to_string(WTERMSIG(status)) +
             (name ? std::string(" (") + name + ")" : "");
    } else {
      what = "the solver ended";
    }
  } else {
    kill_and_reap();
    read_errors(0);
    what = "the solver closed its standard input or output (stopped)";
  }
  const std::string line = last_error_line();
  if (!line.empty()) what += ", its last line on stderr: \"" + line + "\"";
  return what;
}

Result<std::string> SolverProcess::receive(double timeout_seconds) {
  using Clock = std::chrono::steady_clock;
  const auto deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                           std::chrono::duration<double>(std::max(0.0, timeout_seconds)));
  for (;;) {
    if (const std::size_t newline = pending_.find('\n'); newline != std::string::npos) {
      if (newline > kMaxLine) break;
      std::string line = pending_.substr(0, newline);
      pending_.erase(0, newline + 1);
      if (!line.empty() && line.back() == '\r') line.pop_back();
      return line;
    }
    if (pending_.size() > kMaxLine) break;
    if (pid_ <= 0) return Error{"the solver is not running"};
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) {
      kill_and_reap();
      return Error{"no answer within " + seconds_text(timeout_seconds) + " (the solver was stopped)"};
    }
    pollfd fds[2] = {{from_child_, POLLIN, 0}, {errors_, POLLIN, 0}};
    const int ready = ::poll(fds, errors_ >= 0 ? 2 : 1, static_cast<int>(std::min<long long>(left, 1000)));
    if (ready < 0 && errno != EINTR) return Error{std::string("cannot wait for the solver: ") + std::strerror(errno)};
    if (ready <= 0) continue;
    if (errors_ >= 0 && fds[1].revents) read_errors(0);
    if (fds[0].revents) {
      char buffer[65536];
      const ssize_t n = ::read(from_child_, buffer, sizeof buffer);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return Error{describe_end()};
      pending_.append(buffer, static_cast<std::size_t>(n));
    }
  }
  kill_and_reap();
  pending_.clear();
  return Error{"an answer longer than " + std::to_string(kMaxLine) + " bytes on one line (the solver was stopped)"};
}

#endif

}  // namespace losscape
