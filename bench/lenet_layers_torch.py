"""LeNet's convolution and pooling layers (d2l 7.6, batch 256) in PyTorch, forward and backward,
and one whole training step (forward, cross-entropy, backward, SGD update) on random data: the
twin of core/src/test/java/dev/nabla/core/LeNetBench.java. Prints `RESULT name forward_ms backward_ms
forward_min_ms backward_min_ms` (medians, then minima). Usage: python3 bench/lenet_layers_torch.py [REPS] [WARMUP] [--threads T] (default 1 thread).
"""
import statistics, sys, time
import torch
import torch.nn.functional as F

args = [a for a in sys.argv[1:] if not a.startswith("--")]
threads = int(sys.argv[sys.argv.index("--threads") + 1]) if "--threads" in sys.argv else 1
if "--threads" in sys.argv:
    args.remove(str(threads))
reps = int(args[0]) if args else 20
warmup = int(args[1]) if len(args) > 1 else 30
torch.set_num_threads(threads)
torch.manual_seed(0)

def param(std, *shape):
    return (torch.randn(*shape) * std).requires_grad_()

def run(name, forward, leaves):
    f, b, gradient = [], [], None
    for r in range(-warmup, reps):
        for t in leaves:
            t.grad = None
        t0 = time.perf_counter()
        y = forward()
        t1 = time.perf_counter()
        if gradient is None:
            gradient = torch.randn(y.shape)
        y.backward(torch.tensor(1.0) if y.dim() == 0 else gradient)
        if y.dim() == 0:
            with torch.no_grad():
                for t in leaves:
                    t.add_(t.grad, alpha=-0.1)
        t2 = time.perf_counter()
        if r >= 0:
            f.append((t1 - t0) * 1e3)
            b.append((t2 - t1) * 1e3)
    print(f"RESULT {name} {statistics.median(f):.3f} {statistics.median(b):.3f} {min(f):.3f} {min(b):.3f}", flush=True)

x1 = torch.randn(256, 1, 28, 28); w1 = param(0.2, 6, 1, 5, 5); b1 = param(0.1, 6)
x2 = torch.randn(256, 6, 14, 14).requires_grad_(); w2 = param(0.08, 16, 6, 5, 5); b2 = param(0.1, 16)
p1 = torch.randn(256, 6, 28, 28).requires_grad_(); p2 = torch.randn(256, 16, 10, 10).requires_grad_()
run("conv1_1to6_k5_p2", lambda: F.conv2d(x1, w1, b1, 1, 2), [w1, b1])
run("avgpool1_2x2", lambda: F.avg_pool2d(p1, 2, 2, 0), [p1])
run("conv2_6to16_k5", lambda: F.conv2d(x2, w2, b2, 1, 0), [x2, w2, b2])
run("avgpool2_2x2", lambda: F.avg_pool2d(p2, 2, 2, 0), [p2])
run("maxpool1_2x2", lambda: F.max_pool2d(p1, 2, 2, 0), [p1])

net = [w1, b1, w2, b2, param(0.05, 120, 400), param(0.05, 120), param(0.1, 84, 120), param(0.1, 84), param(0.1, 10, 84), param(0.1, 10)]
labels = torch.arange(256) % 10
def step():
    h = F.avg_pool2d(torch.sigmoid(F.conv2d(x1, net[0], net[1], 1, 2)), 2, 2)
    h = F.avg_pool2d(torch.sigmoid(F.conv2d(h, net[2], net[3], 1, 0)), 2, 2).flatten(1)
    h = F.linear(torch.sigmoid(F.linear(torch.sigmoid(F.linear(h, net[4], net[5])), net[6], net[7])), net[8], net[9])
    return F.cross_entropy(h, labels)
run("lenet_step", step, net)
