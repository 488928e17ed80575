#include "session/layout_job.h"
#include "i18n/i18n.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>

namespace bs::app {

namespace {

// The child's answer: a flag (1: dot's layout), width, height, each centre, and each
// curve as its point count and points. Floats and counts in this process's own layout.
void put(std::string& out, float v) { out.append(reinterpret_cast<const char*>(&v), sizeof v); }
void put(std::string& out, std::uint32_t v) { out.append(reinterpret_cast<const char*>(&v), sizeof v); }

std::string encode(const Layout& l) {
  std::string out;
  put(out, std::uint32_t(l.simple ? 0 : 1));
  put(out, l.width);
  put(out, l.height);
  for (const Point& p : l.centres) put(out, p.x), put(out, p.y);
  for (const auto& curve : l.curves) {
    put(out, std::uint32_t(curve.size()));
    for (const Point& p : curve) put(out, p.x), put(out, p.y);
  }
  return out;
}

struct Reader {
  const std::string& s;
  size_t at = 0;
  template <class T>
  bool get(T& v) {
    if (s.size() - at < sizeof v) return false;
    std::memcpy(&v, s.data() + at, sizeof v);
    at += sizeof v;
    return true;
  }
  bool get(Point& p) { return get(p.x) && get(p.y); }
};

// False when the bytes are not a whole layout of `boxes` centres and `arrows` curves.
bool decode(const std::string& bytes, size_t boxes, size_t arrows, Layout& l) {
  Reader r{bytes};
  std::uint32_t fromDot = 0;
  if (!r.get(fromDot) || fromDot != 1 || !r.get(l.width) || !r.get(l.height)) return false;
  l.centres.resize(boxes);
  for (Point& p : l.centres)
    if (!r.get(p)) return false;
  l.curves.resize(arrows);
  for (auto& curve : l.curves) {
    std::uint32_t n = 0;
    if (!r.get(n) || n < 4 || n > (bytes.size() - r.at) / sizeof(Point)) return false;
    curve.resize(n);
    for (Point& p : curve)
      if (!r.get(p)) return false;
  }
  return r.at == bytes.size();
}

void writeAll(int fd, const std::string& s) {
  for (size_t at = 0; at < s.size();) {
    const ssize_t n = write(fd, s.data() + at, s.size() - at);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    at += size_t(n);
  }
}

}  // namespace

LayoutJob::LayoutJob(const LayoutInput& in, double limitSeconds)
    : boxes_(in.boxes.size()), arrows_(in.arrows.size()), limitSeconds_(limitSeconds),
      start_(std::chrono::steady_clock::now()) {
  int fds[2];
  if (pipe(fds) != 0) {
    finish(State::GaveUp, fmt(tr("cannot start the layout: {}"), std::strerror(errno)));
    return;
  }
  child_ = fork();
  if (child_ < 0) {
    close(fds[0]);
    close(fds[1]);
    finish(State::GaveUp, fmt(tr("cannot start the layout: {}"), std::strerror(errno)));
    return;
  }
  if (child_ == 0) {  // the child: lay out, write, and leave without running atexit code
    close(fds[0]);
    [[maybe_unused]] const int niced = nice(5);  // the window stays the busier process
    int status = 1;
    try {
      writeAll(fds[1], encode(computeLayout(in)));
      status = 0;
    } catch (...) {
    }
    _exit(status);
  }
  close(fds[1]);
  fd_ = fds[0];
  fcntl(fd_, F_SETFL, fcntl(fd_, F_GETFL) | O_NONBLOCK);
}

LayoutJob::~LayoutJob() {
  if (state_ == State::Running) finish(State::GaveUp);
}

void LayoutJob::finish(State s, std::string reason) {
  if (child_ > 0) {
    if (s == State::GaveUp) kill(child_, SIGKILL);
    int status = 0;
    while (waitpid(child_, &status, 0) < 0 && errno == EINTR) {
    }
    child_ = -1;
  }
  if (fd_ >= 0) close(fd_);
  fd_ = -1;
  bytes_.clear();
  bytes_.shrink_to_fit();
  state_ = s;
  reason_ = std::move(reason);
}

LayoutJob::State LayoutJob::poll() {
  if (state_ != State::Running) return state_;
  char buf[65536];
  for (;;) {
    const ssize_t n = read(fd_, buf, sizeof buf);
    if (n > 0) {
      bytes_.append(buf, size_t(n));
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n == 0) {  // the child has written everything and closed its end
      Layout l;
      if (decode(bytes_, boxes_, arrows_, l)) {
        result_ = std::move(l);
        finish(State::Done);
      } else {
        finish(State::GaveUp, "Graphviz's dot gave no layout");
      }
      return state_;
    }
    break;  // EAGAIN: nothing more yet
  }
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  if (elapsed > limitSeconds_) {
    char why[160];
    std::snprintf(why, sizeof why, "Graphviz's dot did not finish within %g s", limitSeconds_);
    finish(State::GaveUp, why);
  }
  return state_;
}

Layout LayoutJob::take() { return std::move(result_); }

}  // namespace bs::app
