#include "lang/parser.h"

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "i18n/i18n.h"
#include "io/read_file.h"
#include "assets/embedded.h"
#include "lang/printer.h"

namespace bs {

namespace {

NodeKind leafKind(const std::string& kw) {
  return kw == "input" ? NodeKind::Input : kw == "param" ? NodeKind::Param : NodeKind::Const;
}
bool isLeafKeyword(const std::string& s) { return s == "input" || s == "param" || s == "const"; }

// Limits that keep a hostile or accidental file from exhausting memory or the stack.
constexpr int kMaxDepth = 200;
constexpr int kMaxNodes = 100000;
constexpr std::uintmax_t kMaxFileBytes = 16 << 20;

struct DepthGuard {
  int& depth;
  DepthGuard(int& d, const TokenStream& ts) : depth(d) {
    if (++depth > kMaxDepth) {
      --depth;
      ts.fail(ts.peek(), fmt(tr("the expression is nested more than {} levels deep"), kMaxDepth));
    }
  }
  ~DepthGuard() { --depth; }
};

class Parser {
 public:
  explicit Parser(std::string_view text) : ts_(tokenize(text)) {}

  Graph parse() {
    prescan();
    bool any = false;
    Token outTok;
    bool haveOutput = false;
    while (ts_.peek().kind != Tok::End) {
      if (ts_.peek().kind == Tok::Newline) { ts_.next(); continue; }
      any = true;
      const Token& first = ts_.peek();
      if (first.kind != Tok::Name) ts_.fail(first, fmt(tr("expected a statement (input, param, const, output or NAME = ...), found {}"), TokenStream::describe(first)));
      if (isLeafKeyword(first.text) && ts_.peek(1).kind == Tok::Name) {
        leaf();
      } else if (first.text == "output" && ts_.peek(1).kind == Tok::Name) {
        ts_.next();
        if (haveOutput) ts_.fail(first, fmt(tr("the output is already declared at line {}"), outTok.line));
        outTok = ts_.next();
        haveOutput = true;
      } else {
        assignment();
      }
      endOfStatement();
    }
    if (!any) throw ParseError(1, 1, tr("the file is empty: a graph needs leaves (input/param/const), assignments and 'output NAME'"));
    if (!haveOutput) {
      const Token& end = ts_.peek();
      throw ParseError(end.line, 1, tr("no output declared: add a line 'output NAME' naming the scalar loss"));
    }
    int id = resolve(outTok);
    try {
      g_.setOutput(id);
    } catch (const GraphError& e) {
      ts_.fail(outTok, e.what());
    }
    return std::move(g_);
  }

 private:
  // Names defined anywhere in the file, so a use before the definition gets a clear message.
  void prescan() {
    TokenStream s = ts_;
    bool lineStart = true;
    while (s.peek().kind != Tok::End) {
      const Token& t = s.next();
      if (lineStart && t.kind == Tok::Name) {
        if (isLeafKeyword(t.text) && s.peek().kind == Tok::Name) definedLater_[s.peek().text] = s.peek().line;
        else if (s.isPunct("=")) definedLater_[t.text] = t.line;
      }
      lineStart = t.kind == Tok::Newline || (t.kind == Tok::Punct && t.text == ";");
    }
  }

  void endOfStatement() {
    const Token& t = ts_.peek();
    if (t.kind == Tok::Newline || t.kind == Tok::End) { ts_.next(); return; }
    if (ts_.accept(";")) return;
    ts_.fail(t, fmt(tr("expected the end of the statement, found {}"), TokenStream::describe(t)));
  }

  void checkNewName(const Token& t) {
    if (findOp(t.text) || isLeafKeyword(t.text) || t.text == "output")
      ts_.fail(t, fmt(tr("'{}' is a reserved word (an op or keyword) and cannot name a node"), t.text));
    if (auto id = g_.find(t.text)) {
      const SourceLoc l = g_.node(*id).loc;
      ts_.fail(t, l.line ? fmt(tr("'{}' is already defined at line {}"), t.text, l.line) : fmt(tr("'{}' is already defined"), t.text));
    }
  }

  void leaf() {
    const Token& kw = ts_.next();
    const Token& name = ts_.next();
    checkNewName(name);
    ts_.expect("=", fmt(tr("'=' after the name {}"), name.text));
    Tensor v = parseTensorLiteral(ts_);
    checkRoom(name);
    g_.addLeaf(name.text, leafKind(kw.text), std::move(v), {name.line, name.col});
  }

  void assignment() {
    const Token& name = ts_.next();
    if (isLeafKeyword(name.text) || name.text == "output")
      ts_.fail(ts_.peek(), fmt(tr("expected a name after '{}', found {}"), name.text, TokenStream::describe(ts_.peek())));
    if (!ts_.isPunct("=")) ts_.fail(ts_.peek(), "expected '=' after '" + name.text + "', found " + TokenStream::describe(ts_.peek()));
    checkNewName(name);
    ts_.next();
    target_ = name;
    const int before = g_.size();
    Operand v = expr();
    if (v.id < 0) ts_.fail(name, fmt(tr("'{0}' is a number: declare it with 'const {0} = ...'"), name.text));
    if (v.id < before || g_.node(v.id).isLeaf())
      ts_.fail(name, fmt(tr("'{} = ...' must compute something with an op; to use a node under another name, use the node itself"), name.text));
    // The expression's root is the last node made: it takes the statement's name.
    g_.rename(v.id, name.text);
    g_.node(v.id).loc = {name.line, name.col};
  }

  // An expression's result: a node, or a plain number not yet made into a node (so
  // that `-2` is a number and op parameters like leaky_relu(x, 0.1) stay numbers).
  struct Operand {
    int id = -1;
    double number = 0;
    Token at;
    bool isNumber() const { return id < 0; }
  };


  void checkRoom(const Token& at) const {
    if (g_.size() >= kMaxNodes) ts_.fail(at, fmt(tr("the graph has more than {} nodes"), kMaxNodes));
  }

  Operand makeOp(const OpDef& op, const std::vector<Operand>& args, std::vector<double> attrs, const Token& at) {
    checkRoom(at);
    std::vector<int> ids;
    std::vector<std::string> names;
    for (auto& a : args) {
      ids.push_back(materialize(a));
      names.push_back(g_.node(ids.back()).name);
    }
    Operand o;
    o.at = at;
    try {
      // Named by its expression until a statement names it: "y − t" in L = (y - t)^2.
      o.id = g_.addOp(expressionText(op, names, attrs), op, ids, attrs, {at.line, at.col}, true);
    } catch (const GraphError& e) {
      ts_.fail(at, e.reason + " " + fmt(tr("(in the definition of '{}')"), target_.text));
    }
    return o;
  }

  int materialize(const Operand& a) {
    if (!a.isNumber()) return a.id;
    Tensor t(1, 1);
    t(0, 0) = a.number;
    return g_.addLeaf(printLiteral(t), NodeKind::Const, t, {a.at.line, a.at.col}, true);
  }

  // Precedence, loosest first: + -, then * / @, then unary minus, then ^ (right-associative).
  Operand expr() {
    Operand acc = term();
    while (ts_.isPunct("+") || ts_.isPunct("-")) {
      const Token& op = ts_.next();
      Operand rhs = term();
      acc = makeOp(*findInfixOp(op.text), {acc, rhs}, {}, op);
    }
    return acc;
  }

  Operand term() {
    Operand acc = unary();
    while (ts_.isPunct("*") || ts_.isPunct("/") || ts_.isPunct("@")) {
      const Token& op = ts_.next();
      Operand rhs = unary();
      acc = makeOp(*findInfixOp(op.text), {acc, rhs}, {}, op);
    }
    return acc;
  }

  Operand unary() {
    // Every recursion passes here: a limit keeps `((((...` from exhausting the stack.
    DepthGuard guard(depth_, ts_);
    if (ts_.isPunct("-")) {
      const Token& minus = ts_.next();
      Operand x = unary();
      if (x.isNumber()) { x.number = -x.number; return x; }
      return makeOp(*findOp("neg"), {x}, {}, minus);
    }
    return power();
  }

  Operand power() {
    Operand base = primary();
    if (!ts_.isPunct("^")) return base;
    const Token& caret = ts_.next();
    Operand e = unary();
    return makeOp(*findInfixOp("^"), {base, e}, {}, caret);
  }

  Operand primary() {
    const Token& t = ts_.peek();
    Operand o;
    o.at = t;
    if (t.kind == Tok::Number) {
      ts_.next();
      o.number = t.number;
      return o;
    }
    if (ts_.isPunct("[")) {
      Tensor v = parseTensorLiteral(ts_);
      // Named by its value; a long literal by its start.
      std::string name = printLiteral(v);
      if (name.size() > 24) name = name.substr(0, 20) + "…]";
      o.id = g_.addLeaf(name, NodeKind::Const, v, {t.line, t.col}, true);
      return o;
    }
    if (ts_.accept("(")) {
      o = expr();
      ts_.expect(")", "')'");
      return o;
    }
    if (t.kind != Tok::Name) ts_.fail(t, "expected a name, a number, '(' or '[', found " + TokenStream::describe(t));
    ts_.next();
    if (ts_.isPunct("(")) return call(t);
    o.id = resolve(t);
    return o;
  }

  Operand call(const Token& fn) {
    const OpDef* op = findOp(fn.text);
    if (!op) ts_.fail(fn, fmt(tr("unknown op '{}'; known ops: {}"), fn.text, opList()));
    ts_.expect("(", "'('");
    std::vector<Operand> args;
    if (!ts_.accept(")")) {
      for (;;) {
        args.push_back(expr());
        if (ts_.accept(")")) break;
        ts_.expect(",", fmt(tr("',' or ')' in the call of {}"), fn.text));
      }
    }
    size_t nIn = op->arity >= 0 ? size_t(op->arity) : args.size();
    if (args.empty() || args.size() < nIn || args.size() > nIn + op->attrs.size())
      ts_.fail(fn, fmt(tr("{} takes {} input(s){}, got {} argument(s)"), op->name,
                       op->arity >= 0 ? std::to_string(op->arity) : std::string(tr("one or more")),
                       op->attrs.empty() ? std::string() : fmt(tr(" and up to {} number(s) ({})"), op->attrs.size(), attrList(*op)),
                       args.size()));
    std::vector<double> attrs;
    for (size_t i = nIn; i < args.size(); ++i) {
      if (!args[i].isNumber()) ts_.fail(args[i].at, fmt(tr("{0}'s {1} must be a number"), op->name, op->attrs[i - nIn].name));
      attrs.push_back(args[i].number);
    }
    args.resize(nIn);
    return makeOp(*op, args, attrs, fn);
  }

  static std::string attrList(const OpDef& op) {
    std::string s;
    for (auto& a : op.attrs) s += (s.empty() ? "" : ", ") + a.name;
    return s;
  }

  static std::string opList() {
    std::string s;
    for (auto* op : allOps()) s += (s.empty() ? "" : ", ") + op->name;
    return s;
  }

  int resolve(const Token& t) {
    if (auto id = g_.find(t.text)) return *id;
    if (t.text == target_.text && t.line == target_.line)
      ts_.fail(t, fmt(tr("'{}' is used in its own definition: a graph cannot have cycles"), t.text));
    auto later = definedLater_.find(t.text);
    if (later != definedLater_.end())
      ts_.fail(t, fmt(tr("'{}' is used before it is defined (at line {}): define nodes before using them; a graph cannot have cycles"), t.text,
                      later->second));
    ts_.fail(t, fmt(tr("unknown name '{}'"), t.text));
  }

  TokenStream ts_;
  Graph g_;
  Token target_;
  int depth_ = 0;
  std::map<std::string, int> definedLater_;
};

}  // namespace

Graph parseGraph(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // the byte-order mark some editors write, as in answer sheets
  return Parser(text).parse();
}

namespace {
std::vector<GraphSource>& graphSources() {
  static std::vector<GraphSource> sources;
  return sources;
}

std::string nameList(const std::vector<std::string>& names) {
  std::string s;
  for (const auto& n : names) s += (s.empty() ? "" : ", ") + n;
  return s;
}
}  // namespace

void addGraphSource(GraphSource s) { graphSources().push_back(std::move(s)); }

std::string readGraphSource(const std::string& pathOrExample) {
  std::error_code ec;
  const bool onDisk = std::filesystem::exists(pathOrExample, ec);
  if (!onDisk) {
    if (auto ex = exampleSource(pathOrExample)) return std::string(*ex);
    for (const GraphSource& s : graphSources())
      if (auto text = s.text(pathOrExample)) return *text;
  }
  try {
    return io::readFile(pathOrExample, kMaxFileBytes, tr("a graph file"));
  } catch (const std::runtime_error& e) {
    if (onDisk) throw;
    std::string known = fmt(tr("built-in example ({})"), nameList(exampleNames()));
    for (const GraphSource& s : graphSources()) known += " or " + s.what + " (" + nameList(s.names()) + ")";
    throw std::runtime_error(std::string(e.what()) + fmt(tr("; nor is it a {}"), known));
  }
}

Graph loadGraph(const std::string& pathOrExample) {
  std::string src = readGraphSource(pathOrExample);
  try {
    return parseGraph(src);
  } catch (const ParseError& e) {
    throw std::runtime_error(pathOrExample + ":" + e.what());
  }
}

}  // namespace bs
