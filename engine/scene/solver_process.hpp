#pragma once
// A child process spoken to in lines: the transport under an external solver (external_solver.hpp,
// docs/solver-protocol.md). It owns the process from start to reaping: its own process group (so a
// shell's children go too), killed and waited for when this object goes (no zombies, none left
// running), and killed with its whole group if losscape itself dies, however (a guard process,
// the group's leader, watches a pipe only losscape holds: solver_process.cpp). Writes never raise
// SIGPIPE: the child's standard input is one end of a socket pair, written with MSG_NOSIGNAL.
//
// Why here (scene) and not in core: core does no process or file I/O; the factory that builds a
// ball's optimizer from a scene (scene_factory.cpp) lives here. The browser build cannot start
// processes: start() says so in one line.
#include "engine/core/result.hpp"

#include <memory>
#include <string>

namespace losscape {

class SolverProcess {
 public:
  // An answer longer than this (without its newline) is refused: a runaway writer cannot grow
  // losscape's memory.
  static constexpr std::size_t kMaxLine = 65536;

  // Runs `command` through /bin/sh -c in `directory` (empty: the current one), its stdin and
  // stdout ours, its stderr captured (the last line is quoted when it fails).
  static Result<std::unique_ptr<SolverProcess>> start(const std::string& command, const std::string& directory);
  ~SolverProcess();
  SolverProcess(const SolverProcess&) = delete;
  SolverProcess& operator=(const SolverProcess&) = delete;

  // One line (a newline is added). Fails when the process has gone: says how (exit status,
  // signal, its last line on stderr).
  Status send(const std::string& line);
  // The next line (without its newline), waiting at most `timeout_seconds`; on a timeout the
  // process is killed. Fails with one line: gone (how), silent too long, a line too long.
  Result<std::string> receive(double timeout_seconds);

 private:
  SolverProcess() = default;
  // Why the process is gone: waits for it (briefly; then kills it) and words its end.
  std::string describe_end();
  void read_errors(int timeout_ms);  // what is waiting on its stderr, into errors_tail_
  std::string last_error_line() const;
  void kill_and_reap();

  int pid_ = -1;
  int to_child_ = -1;        // its stdin (a socket)
  int from_child_ = -1;      // its stdout (a pipe)
  int errors_ = -1;          // its stderr (a pipe)
  int lifeline_ = -1;        // the pipe its guard watches: closed, the guard kills the group
  std::string pending_;      // read from stdout past the last whole line
  std::string errors_tail_;  // the end of what it wrote on stderr
};

}  // namespace losscape
