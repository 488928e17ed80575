#!/usr/bin/python3
"""Redoes every op application of op_dump's JSON with PyTorch in float64: the forward
output, and the vjp through torch.autograd with the same upstream gradient.

    compare.py OPS.json

One line per application, then "N passed, M failed". Exits 1 on any failure, and on any
op of the dump that has no reference here, so that a new op cannot slip through
unchecked. Backstep stores one sample per COLUMN: torch's per-sample functions get the
transposes.
"""
import json
import sys

import torch
import torch.nn.functional as F

TOLERANCE = 1e-9  # both sides compute in float64


def labels(t, kind):
    """The class of each sample: a 1 x B row of indices, or the argmax of one-hot columns."""
    return t[0].long() if kind == "indices" else t.argmax(dim=0)


def softmax_ce(x, a, kind):
    z, t = x
    # Mean over the samples of −log softmax(z)_t; torch 1.13 takes class indices, or
    # per-sample probabilities (one-hot included) as a tensor shaped like the input.
    return F.cross_entropy(z.T, labels(t, kind) if kind == "indices" else t.T)


def hinge(x, a, kind):
    s, t = x
    # Backstep: per column Σ_{j≠t} max(0, s_j − s_t + 1), averaged over the columns.
    # multi_margin_loss also divides each sample's sum by the number of classes, so
    # multiply it back.
    return F.multi_margin_loss(s.T, labels(t, kind), p=1, margin=1.0) * s.shape[0]


REFERENCES = {
    "add": lambda x, a, k: x[0] + x[1],
    "sub": lambda x, a, k: x[0] - x[1],
    "mul": lambda x, a, k: x[0] * x[1],
    "div": lambda x, a, k: x[0] / x[1],
    "pow": lambda x, a, k: torch.pow(x[0], x[1]),
    "neg": lambda x, a, k: torch.neg(x[0]),
    "exp": lambda x, a, k: torch.exp(x[0]),
    "log": lambda x, a, k: torch.log(x[0]),
    "square": lambda x, a, k: torch.square(x[0]),
    "matmul": lambda x, a, k: x[0] @ x[1],
    "transpose": lambda x, a, k: x[0].t(),
    "concat": lambda x, a, k: torch.cat(x, dim=0),  # stacks rows: features of the same samples
    "sum": lambda x, a, k: x[0].sum(),
    "mean": lambda x, a, k: x[0].mean(),
    "sigmoid": lambda x, a, k: torch.sigmoid(x[0]),
    "tanh": lambda x, a, k: torch.tanh(x[0]),
    "relu": lambda x, a, k: F.relu(x[0]),
    "leaky_relu": lambda x, a, k: F.leaky_relu(x[0], negative_slope=a[0]),
    "elu": lambda x, a, k: F.elu(x[0], alpha=a[0]),
    "softmax": lambda x, a, k: F.softmax(x[0], dim=0),  # per column: per sample
    "sum_squares": lambda x, a, k: torch.square(x[0]).sum(),
    "l1": lambda x, a, k: torch.abs(x[0]).sum(),
    "l2": lambda x, a, k: 0.5 * torch.square(x[0]).sum(),
    "mse": lambda x, a, k: F.mse_loss(x[0], x[1]),
    "softmax_ce": softmax_ce,
    "hinge": hinge,
}


def error(mine, ref):
    """|mine − ref| in units of ref's magnitude (at least 1), as test_op_kernels.cpp."""
    if mine.shape != ref.shape:
        return float("inf")
    return ((mine - ref).abs().max() / max(1.0, ref.abs().max().item())).item()


def check(case):
    """The error of the forward output and of each input's vjp: {what: (error, backstep, torch)}."""
    f64 = dict(dtype=torch.float64)
    x = [torch.tensor(v, requires_grad=d, **f64) for v, d in zip(case["inputs"], case["differentiable"])]
    out = torch.tensor(case["output"], **f64)
    y = REFERENCES[case["op"]](x, case["attrs"], case["target"]).reshape(out.shape)  # a scalar is 1x1
    errors = {"forward": (error(out, y.detach()), out, y.detach())}
    y.backward(torch.tensor(case["up"], **f64))
    for i, (xi, g) in enumerate(zip(x, case["grads"])):
        if g is not None:
            ref = xi.grad if xi.grad is not None else torch.zeros_like(xi)
            mine = torch.tensor(g, **f64)
            errors[f"vjp {i}"] = (error(mine, ref), mine, ref)
    return errors


def main(path):
    with open(path) as f:
        dump = json.load(f)
    passed = failed = 0
    for op in dump["ops"]:
        problem = None if op in REFERENCES else "no torch reference in compare.py"
        if not any(c["op"] == op for c in dump["cases"]):
            problem = "no case in the dump (tests/op_cases.h)"
        if problem:
            print(f"FAIL {op}: {problem}")
            failed += 1
    for case in dump["cases"]:
        name = f"{case['label']} seed {case['seed']}"
        if case["op"] not in REFERENCES:
            print(f"FAIL {name}: no torch reference")
            failed += 1
            continue
        errors = check(case)
        ok = all(e <= TOLERANCE for e, _, _ in errors.values())  # not max(): NaN must fail
        print(f"{'ok  ' if ok else 'FAIL'} {name}: " + ", ".join(f"{k} {e:.1e}" for k, (e, _, _) in errors.items()))
        for k, (e, mine, ref) in errors.items():
            if not e <= TOLERANCE:
                print(f"    {k}: backstep {mine.tolist()}\n    {k}: torch    {ref.tolist()}")
        passed += ok
        failed += not ok
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: compare.py OPS.json")
    sys.exit(main(sys.argv[1]))
