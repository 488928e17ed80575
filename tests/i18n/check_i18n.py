#!/usr/bin/env python3
"""The translations' two checks, run by ctest (so by .ci/run):

  check_i18n.py po SRC_DIR       every string marked in the source (a fresh extraction
                                 by po/extract.sh, presets' descriptions included) has a Spanish
                                 translation in po/es.po: not missing, not empty, not
                                 fuzzy, with the same {} placeholders and % directives.
  check_i18n.py unmarked SRC_DIR no user-visible string literal in the scanned places is
                                 left unmarked (see RULES and tests/i18n/allowlist.txt).
  check_i18n.py selftest         the scanner catches an unmarked ImGui::Button("Save"),
                                 a CLI11 description, a status message and a printed line,
                                 and lets marked and allowed ones through.
"""
import glob, os, re, subprocess, sys, tempfile

# ---------------------------------------------------------------- po files
def unquote(s):
    out, i = [], 1
    while i < len(s) - 1:
        c = s[i]
        if c == '\\':
            n = s[i + 1]
            out.append({'n': '\n', 't': '\t', '"': '"', '\\': '\\', 'r': '\r'}.get(n, '\\' + n))
            i += 2
        else:
            out.append(c)
            i += 1
    return ''.join(out)

def parse_po(text):
    """[(ctx, msgid, plural, [msgstr...], fuzzy)] of the live (not #~) entries."""
    entries = []
    for block in re.split(r'\n\s*\n', text.strip()):
        fields, cur, fuzzy = {}, None, False
        for line in block.split('\n'):
            if line.startswith('#~'):
                cur = None
                fields = {}
                break
            if line.startswith('#,') and 'fuzzy' in line:
                fuzzy = True
            if line.startswith('#'):
                continue
            m = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(".*")\s*$', line)
            if m:
                cur = m.group(1)
                fields[cur] = unquote(m.group(2))
            elif line.startswith('"') and cur:
                fields[cur] += unquote(line.strip())
        if 'msgid' not in fields:
            continue
        strs = [fields[k] for k in sorted(k for k in fields if k.startswith('msgstr'))]
        entries.append((fields.get('msgctxt'), fields['msgid'], fields.get('msgid_plural'), strs, fuzzy))
    return entries

def placeholders(s):
    braces = sorted(re.findall(r'(?<!\{)\{\d*\}(?!\})', s))
    printf = sorted(re.findall(r'%(?!%)[-+ #0]*\d*(?:\.\d+)?(?:z|l|ll|h)?[a-zA-Z]', s))
    return braces, printf

def extract(src, out):
    # po/extract.sh with an output file only extracts: one list of what is marked.
    subprocess.run(['bash', os.path.join(src, 'po', 'extract.sh'), out], check=True, stderr=subprocess.DEVNULL)

def check_po(src):
    with tempfile.TemporaryDirectory() as d:
        pot = os.path.join(d, 'backstep.pot')
        extract(src, pot)
        wanted = [(c, i, p) for c, i, p, _, _ in parse_po(open(pot, encoding='utf-8').read()) if i]
    have = {(c, i): (p, s, f) for c, i, p, s, f in parse_po(open(os.path.join(src, 'po', 'es.po'), encoding='utf-8').read())}
    problems = []
    for ctx, msgid, plural in wanted:
        name = (ctx + ' | ' if ctx else '') + repr(msgid)
        if (ctx, msgid) not in have:
            problems.append('not in po/es.po (run po/extract.sh and translate it): ' + name)
            continue
        p, strs, fuzzy = have[(ctx, msgid)]
        if fuzzy:
            problems.append('fuzzy in po/es.po: ' + name)
        if not strs or any(not s for s in strs) or (plural is not None and len(strs) < 2):
            problems.append('untranslated in po/es.po: ' + name)
            continue
        want = placeholders(msgid)
        for s in strs:
            if placeholders(s) != want and not (plural is not None and placeholders(s) == placeholders(plural)):
                problems.append('placeholders differ in po/es.po (%s vs %s): %s' % (placeholders(s), want, name))
    for p in problems:
        print(p)
    print('%d marked strings, %d problems' % (len(wanted), len(problems)))
    return 1 if problems or not wanted else 0

# ---------------------------------------------------------------- unmarked strings
# Where a user reads text: what the scanner looks at, and how.
SCANNED = [
    'src/gui/*.cpp', 'src/gui/plot/*.cpp', 'src/cli/*.cpp', 'src/session/guide.cpp',
    'src/data/cifar.cpp', 'src/data/tar_gz.cpp', 'src/nn/preset.cpp', 'src/nn/model_file.cpp',
    'src/core/op_kit.h', 'src/core/ops_*.cpp',  # the errors a student meets first
]
# The calls whose argument (by index) is shown to the user.
IMGUI_ARG = {'Button': 0, 'SmallButton': 0, 'MenuItem': 0, 'BeginMenu': 0, 'Text': 0, 'TextUnformatted': 0, 'TextWrapped': 0,
             'TextDisabled': 0, 'Checkbox': 0, 'SetTooltip': 0, 'BeginTabItem': 0, 'CollapsingHeader': 0, 'RadioButton': 0,
             'Selectable': 0, 'BulletText': 0, 'LabelText': 0, 'TreeNode': 0, 'SliderInt': 0, 'SliderFloat': 0, 'InputText': 0,
             'InputInt': 0, 'InputFloat': 0, 'InputDouble': 0, 'InputTextMultiline': 0, 'InputTextWithHint': 1, 'Combo': 0,
             'BeginCombo': 0, 'OpenPopup': 0, 'BeginPopupModal': 0, 'Begin': 0, 'TextColored': 1, 'TableSetupColumn': 0,
             'AddText': -1}
CLI_ARG = {'add_subcommand': 1, 'footer': 0, 'add_option': -1, 'add_flag': -1, 'fail': 0}
LITERAL = re.compile(r'^\s*(?:u8)?("(?:[^"\\]|\\.)*"\s*)+$', re.S)
STRING = re.compile(r'"(?:[^"\\]|\\.)*"')

def split_args(s, start):
    depth, i, args, a = 0, start, [], start
    while i < len(s):
        c = s[i]
        if c in '"\'':
            j = i + 1
            while s[j] != c:
                j += 2 if s[j] == '\\' else 1
            i = j + 1
            continue
        if c in '([{':
            depth += 1
        elif c in ')]}':
            if depth == 0:
                args.append(s[a:i])
                return args
            depth -= 1
        elif c == ',' and depth == 0:
            args.append(s[a:i])
            a = i + 1
        i += 1
    return args

def visible(literal):
    """The text of a literal a user would read: without ImGui's ##id and ###id, printf directives."""
    body = ''.join(unquote(x) for x in STRING.findall(literal))
    body = re.sub(r'#{2,3}.*', '', body)
    body = re.sub(r'%[-+ #0]*\d*(?:\.\d+)?(?:z|l|ll|h)?[a-zA-Z]', '', body)
    return body

def has_words(text):
    return re.search(r'[A-Za-z]{2,}', text) is not None

def strip_comments(s):
    # Keeps line numbers: comments become spaces, strings stay.
    out, i = [], 0
    while i < len(s):
        if s.startswith('//', i):
            j = s.find('\n', i)
            j = len(s) if j < 0 else j
            out.append(' ' * (j - i))
            i = j
        elif s.startswith('/*', i):
            j = s.find('*/', i) + 2
            out.append(re.sub(r'[^\n]', ' ', s[i:j]))
            i = j
        elif s[i] in '"\'':
            q, j = s[i], i + 1
            while s[j] != q:
                j += 2 if s[j] == '\\' else 1
            out.append(s[i:j + 1])
            i = j + 1
        else:
            out.append(s[i])
            i += 1
    return ''.join(out)

def load_allowlist(path):
    allowed = set()
    if path and os.path.exists(path):
        for line in open(path, encoding='utf-8'):
            line = line.rstrip('\n')
            if line and not line.startswith('#'):
                allowed.add(line.split('\t')[0])
    return allowed

def scan_text(name, text, allowed):
    s = strip_comments(text)
    found = []
    lines = text.split('\n')
    def report(pos, literal, why):
        line = s.count('\n', 0, pos)
        if 'i18n:' in lines[line]:  # a comment '// i18n: why' on the line says it needs none
            return
        v = visible(literal)
        if has_words(v) and v not in allowed:
            found.append('%s:%d: %s not marked for translation: %s' % (name, s.count('\n', 0, pos) + 1, why, literal.strip()))
    for m in re.finditer(r'(?:ImGui::|->|\.)(\w+)\(', s):
        fn = m.group(1)
        table = IMGUI_ARG if m.group(0).startswith('ImGui::') or fn == 'AddText' else CLI_ARG
        if fn not in table:
            continue
        args = split_args(s, m.end())
        k = table[fn]
        if fn in ('add_option', 'add_flag') and len(args) < 3:
            continue
        if k >= len(args) or not args:
            continue
        a = args[k]
        if LITERAL.match(a):
            report(m.start(), a, fn)
        # A choice between literals: cond ? "Pause" : "Play"
        elif '?' in a and not re.search(r'\btr[cn]?\(', a):
            for lit in STRING.findall(a):
                report(m.start(), lit, fn)
    # The window's own text helpers (gui/panels.h and the panels' lambdas): every literal argument.
    for m in re.finditer(r'(?<![\w:.>])(arithmeticText|paragraphText|tensorText|titleText|pathPopup|field|button|tab)\(', s):
        if s[max(0, m.start() - 5):m.start()] in ('bool ', 'void ', 'loat '):
            continue  # the definition
        for a in split_args(s, m.end()):
            if LITERAL.match(a):
                report(m.start(), a, m.group(1))
            elif '?' in a and not re.search(r'\btr[cn]?\(', a):
                for lit in STRING.findall(a):
                    report(m.start(), lit, m.group(1))
    # Status lines and printed output: m.message = "...", message = "..." + x, std::cout << "..."
    for m in re.finditer(r'\b(?:message_?|m\.message)\s*=\s*([^;]*);', s):
        for lit in STRING.findall(re.sub(r'\btr[cn]?\((?:[^()]|\([^()]*\))*\)', '', m.group(1))):
            report(m.start(), lit, 'message')
    # Errors: throw DataError(path + ": no such folder; " + hint)
    for m in re.finditer(r'\bthrow\s+[\w:]+Error\(', s):
        args = ','.join(split_args(s, m.end()))
        for lit in STRING.findall(re.sub(r'\btr[cn]?\((?:[^()]|\([^()]*\))*\)', '', args)):
            report(m.start(), lit, 'error')
    for m in re.finditer(r'std::(?:cout|cerr)\s*<<([^;]*);', s):
        for lit in STRING.findall(re.sub(r'\btr[cn]?\((?:[^()]|\([^()]*\))*\)', '', m.group(1))):
            report(m.start(), lit, 'printed')
    # printf and friends: the format string is the text.
    for m in re.finditer(r'\b(?:std::)?(printf|fprintf|snprintf)\(', s):
        args = split_args(s, m.end())
        k = {'printf': 0, 'fprintf': 1, 'snprintf': 2}[m.group(1)]
        if k < len(args) and LITERAL.match(args[k]):
            report(m.start(), args[k], m.group(1))
    return found

def check_unmarked(src):
    allowed = load_allowlist(os.path.join(src, 'tests', 'i18n', 'allowlist.txt'))
    files = sorted(f for g in SCANNED for f in glob.glob(os.path.join(src, g)))
    exempt = load_exempt(os.path.join(src, 'tests', 'i18n', 'allowlist.txt'))
    found = []
    for f in files:
        rel = os.path.relpath(f, src)
        if rel in exempt:
            continue
        found += scan_text(rel, open(f, encoding='utf-8').read(), allowed)
    for line in found:
        print(line)
    print('%d files scanned (%d not yet: see allowlist.txt), %d unmarked strings' % (len(files) - len(exempt & set(os.path.relpath(f, src) for f in files)), len(exempt), len(found)))
    return 1 if found or not files else 0

def load_exempt(path):
    files = set()
    if path and os.path.exists(path):
        for line in open(path, encoding='utf-8'):
            if line.startswith('file\t'):
                files.add(line.split('\t')[1].strip())
    return files

def selftest():
    allowed = {'English', 'Español'}
    cases = [
        ('ImGui::Button("Save");', 1),
        ('ImGui::Button(tr("Save"));', 0),
        ('ImGui::MenuItem(playing ? "Pause" : "Play");', 2),
        ('ImGui::Text("%.3f", x);', 0),
        ('ImGui::InputText("##path", &p);', 0),
        ('ImGui::TextColored(red, "wrong number");', 1),
        ('ImGui::MenuItem("English");', 0),
        ('sub->add_option("--step", a->step, "Stop after K steps");', 1),
        ('sub->add_option("--step", a->step, tr("Stop after K steps"));', 0),
        ('app.add_subcommand("trace", "Print every step");', 1),
        ('m.message = "saved " + path;', 1),
        ('m.message = fmt(tr("saved {}"), path);', 0),
        ('std::cout << "wrote " << n << " files\\n";', 2),
        ('std::cout << fmt(tr("wrote {} files"), n) << "\\n";', 0),
        ('// ImGui::Button("Save") in a comment', 0),
        ('ImGui::Begin("Controls", nullptr, flags);  // i18n: an ID, the window has no title bar', 0),
        ('std::printf("%s: max error %.3e", ok);', 1),
        ('paragraphText("Fix it in the Source tab");', 1),
        ('button(s.playing() ? "Pause" : "Play", Command::PlayPause, tr("Play or pause"));', 2),
        ('std::snprintf(buf, sizeof buf, tr("loss %.6g"), x);', 0),
    ]
    bad = 0
    for code, want in cases:
        got = len(scan_text('selftest.cpp', code, allowed))
        if got != want:
            print('selftest: %r: %d found, expected %d' % (code, got, want))
            bad += 1
    print('%d cases, %d wrong' % (len(cases), bad))
    return 1 if bad else 0

if __name__ == '__main__':
    what = sys.argv[1] if len(sys.argv) > 1 else ''
    if what == 'po':
        sys.exit(check_po(sys.argv[2]))
    if what == 'unmarked':
        sys.exit(check_unmarked(sys.argv[2]))
    if what == 'selftest':
        sys.exit(selftest())
    print(__doc__)
    sys.exit(2)
