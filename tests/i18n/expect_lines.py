#!/usr/bin/env python3
"""expect_lines.py EXIT LINES_FILE -- COMMAND...: runs COMMAND and passes when it exits
with EXIT and every line of LINES_FILE is a whole line of its output (stdout, then
stderr; trailing spaces ignored). Says which lines are missing, and prints the output."""
import subprocess, sys

want_exit, lines_file = int(sys.argv[1]), sys.argv[2]
cmd = sys.argv[sys.argv.index('--') + 1:]
p = subprocess.run(cmd, capture_output=True)
out = (p.stdout + p.stderr).decode('utf-8')
got = set(l.rstrip() for l in out.split('\n'))
want = [l.rstrip('\n') for l in open(lines_file, encoding='utf-8') if l.strip() and not l.startswith('#')]
missing = [l for l in want if l.rstrip() not in got]
for l in missing:
    print('missing line: ' + l)
if p.returncode != want_exit:
    print('exit %d, expected %d' % (p.returncode, want_exit))
if missing or p.returncode != want_exit:
    print('--- output ---\n' + out)
    sys.exit(1)
print('%d lines found, exit %d' % (len(want), p.returncode))
