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
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <csignal>
#ifdef __linux__
#include <sys/syscall.h>
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

// The solver's guard (see start()) watches this descriptor: the read end of the lifeline.
constexpr int kLifeline = 3;

// Closes every descriptor from `first` on. Async-signal-safe.
void close_from(int first) {
#if defined(__linux__) && defined(SYS_close_range)
  if (::syscall(SYS_close_range, first, ~0U, 0) == 0) return;
#endif
  rlimit limit{};
  rlim_t last = 65536;
  if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < last) last = limit.rlim_cur;
  for (int fd = first; static_cast<rlim_t>(fd) < last; ++fd) ::close(fd);
}

// A child process, without fork()'s atfork handlers (a library's, in a copy of a process that had
// threads, may wait for a lock no thread will free). The child may only make system calls and exec.
pid_t plain_fork() {
#ifdef __linux__
  return static_cast<pid_t>(::syscall(SYS_clone, SIGCHLD, 0, 0, 0, 0));
#else
  return ::fork();
#endif
}

// The guard's life: until the solver ends, then it ends the same way (exit status or signal), so
// losscape's waitpid sees the solver's own end; or until losscape is gone (the lifeline's last
// write end closed, however losscape ended), then it kills the whole process group, itself
// included: the solver and anything the solver started. Only system calls (a forked child).
[[noreturn]] void guard(pid_t solver) {
#if defined(__linux__) && defined(SYS_pidfd_open)
  const int ended = static_cast<int>(::syscall(SYS_pidfd_open, solver, 0));  // readable when it ends
#else
  const int ended = -1;  // no pidfd: look every 50 ms
#endif
  for (;;) {
    pollfd fds[2] = {{kLifeline, POLLIN, 0}, {ended, POLLIN, 0}};
    const int ready = ::poll(fds, ended >= 0 ? 2 : 1, ended >= 0 ? -1 : 50);
    if (ready > 0 && fds[0].revents != 0) {
      ::kill(0, SIGKILL);
      ::_exit(137);
    }
    int status = 0;
    if (::waitpid(solver, &status, WNOHANG) != solver) continue;
    if (WIFSIGNALED(status)) {
      const rlimit no_core{0, 0};  // a copy of losscape's memory is no core file to leave
      ::setrlimit(RLIMIT_CORE, &no_core);
      ::signal(WTERMSIG(status), SIG_DFL);
      ::kill(::getpid(), WTERMSIG(status));
    }
    ::_exit(WIFEXITED(status) ? WEXITSTATUS(status) : 128);
  }
}

}  // namespace

Result<std::unique_ptr<SolverProcess>> SolverProcess::start(const std::string& command, const std::string& directory) {
  // lifeline: a pipe whose write end only this process holds (close-on-exec, never written): its
  // guard sees it close when losscape ends, however it ends.
  int input[2], output[2], errors[2], lifeline[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, input) != 0) {
    return Error{std::string("cannot make its pipes: ") + std::strerror(errno)};
  }
  int* pipes[] = {output, errors, lifeline};
  for (std::size_t made = 0; made < std::size(pipes); ++made) {
    if (::pipe2(pipes[made], O_CLOEXEC) != 0) {
      const int error = errno;
      ::close(input[0]), ::close(input[1]);
      for (std::size_t p = 0; p < made; ++p) ::close(pipes[p][0]), ::close(pipes[p][1]);
      return Error{std::string("cannot make its pipes: ") + std::strerror(error)};
    }
  }
  const pid_t pid = ::fork();
  if (pid == 0) {
    // The guard, leader of a process group of its own (so a shell's children go too), then the
    // solver as its child. Only async-signal-safe calls until exec (losscape may have threads).
    // Why a guard: the kernel's parent-death signal (PR_SET_PDEATHSIG) fires when the *thread*
    // that forked ends, not losscape (a solver started from a Python thread would die with it),
    // and reaches only the shell, never the command the shell runs.
    ::setpgid(0, 0);
    ::signal(SIGPIPE, SIG_DFL);
    ::signal(SIGCHLD, SIG_DFL);  // a host ignoring it would leave the guard no solver to wait for
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    // Each end out of the way first: one may be 0 to 3 already (losscape run with stdin closed).
    int ends[] = {input[1], output[1], errors[1], lifeline[0]};
    for (int& end : ends) end = ::fcntl(end, F_DUPFD, kLifeline + 1);
    ::dup2(ends[0], 0), ::dup2(ends[1], 1), ::dup2(ends[2], 2), ::dup2(ends[3], kLifeline);
    close_from(kLifeline + 1);  // no other solver's lifeline, nor any of losscape's files
    if (!directory.empty() && ::chdir(directory.c_str()) != 0) {
      static const char message[] = "losscape: cannot enter the solver's folder\n";
      [[maybe_unused]] const auto written = ::write(2, message, sizeof message - 1);
      ::_exit(126);
    }
    const pid_t solver = plain_fork();
    if (solver == 0) {
      ::close(kLifeline);
      ::execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    if (solver < 0) ::_exit(127);
    ::close(0), ::close(1), ::close(2);  // the solver's alone: losscape sees their end when it ends
    guard(solver);
  }
  ::close(input[1]), ::close(output[1]), ::close(errors[1]), ::close(lifeline[0]);
  if (pid < 0) {
    ::close(input[0]), ::close(output[0]), ::close(errors[0]), ::close(lifeline[1]);
    return Error{std::string("cannot start a process: ") + std::strerror(errno)};
  }
  ::setpgid(pid, pid);  // also here, so a kill right away reaches the group
  std::unique_ptr<SolverProcess> process(new SolverProcess());
  process->pid_ = pid;
  process->to_child_ = input[0];
  process->from_child_ = output[0];
  process->errors_ = errors[0];
  process->lifeline_ = lifeline[1];
  return process;
}

SolverProcess::~SolverProcess() {
  kill_and_reap();
  close_fd(to_child_);
  close_fd(from_child_);
  close_fd(errors_);
  close_fd(lifeline_);
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
