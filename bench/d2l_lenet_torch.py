# The PyTorch reference of d2l's LeNet and BatchNorm LeNet, as the project received it (shared/reference).
# Kept here so that bench/side-by-side --model lenet can be run from any clone.
"""PyTorch reference for d2l's LeNet (7.6) and BatchNorm LeNet (8.5) on Fashion-MNIST.
Reads the Debian dataset (/usr/share/datasets/fashion-mnist). Prints one line per epoch with
train_s (training pass seconds), loss, train acc, test acc, like d2l_dropout_torch.py.
  /usr/bin/python3 d2l_lenet_torch.py --model lenet|lenet-bn --epochs 10 --threads 1
"""
import argparse, gzip, time, numpy as np, torch
from torch import nn

def read(path, off):
    with gzip.open(path, 'rb') as f:
        return np.frombuffer(f.read(), np.uint8, offset=off)

def data(root):
    xs = read(f'{root}/train-images-idx3-ubyte.gz', 16).reshape(-1, 1, 28, 28).astype(np.float32) / 255
    ys = read(f'{root}/train-labels-idx1-ubyte.gz', 8).astype(np.int64)
    xt = read(f'{root}/t10k-images-idx3-ubyte.gz', 16).reshape(-1, 1, 28, 28).astype(np.float32) / 255
    yt = read(f'{root}/t10k-labels-idx1-ubyte.gz', 8).astype(np.int64)
    return torch.from_numpy(xs), torch.from_numpy(ys), torch.from_numpy(xt), torch.from_numpy(yt)

def lenet():
    return nn.Sequential(
        nn.Conv2d(1, 6, kernel_size=5, padding=2), nn.Sigmoid(), nn.AvgPool2d(2, 2),
        nn.Conv2d(6, 16, kernel_size=5), nn.Sigmoid(), nn.AvgPool2d(2, 2), nn.Flatten(),
        nn.Linear(400, 120), nn.Sigmoid(), nn.Linear(120, 84), nn.Sigmoid(), nn.Linear(84, 10))

def lenet_bn():
    return nn.Sequential(
        nn.Conv2d(1, 6, kernel_size=5), nn.BatchNorm2d(6), nn.Sigmoid(), nn.AvgPool2d(2, 2),
        nn.Conv2d(6, 16, kernel_size=5), nn.BatchNorm2d(16), nn.Sigmoid(), nn.AvgPool2d(2, 2),
        nn.Flatten(), nn.Linear(256, 120), nn.BatchNorm1d(120), nn.Sigmoid(),
        nn.Linear(120, 84), nn.BatchNorm1d(84), nn.Sigmoid(), nn.Linear(84, 10))

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--model', default='lenet'); ap.add_argument('--epochs', type=int, default=10)
    ap.add_argument('--threads', type=int, default=1); ap.add_argument('--seed', type=int, default=0)
    ap.add_argument('--data', default='/usr/share/datasets/fashion-mnist')
    a = ap.parse_args()
    torch.set_num_threads(a.threads); torch.manual_seed(a.seed)
    xs, ys, xt, yt = data(a.data)
    net = lenet() if a.model == 'lenet' else lenet_bn()
    def init(m):
        if type(m) in (nn.Linear, nn.Conv2d): nn.init.xavier_uniform_(m.weight)
    net.apply(init)
    lr = 0.9 if a.model == 'lenet' else 1.0
    opt = torch.optim.SGD(net.parameters(), lr=lr); loss = nn.CrossEntropyLoss()
    for ep in range(1, a.epochs + 1):
        net.train(); perm = torch.randperm(len(xs)); t0 = time.perf_counter(); tl = tc = n = 0
        for i in range(0, len(xs), 256):
            idx = perm[i:i + 256]; X, y = xs[idx], ys[idx]
            out = net(X); l = loss(out, y)
            opt.zero_grad(); l.backward(); opt.step()
            tl += l.item() * len(y); tc += (out.argmax(1) == y).sum().item(); n += len(y)
        ts = time.perf_counter() - t0
        net.eval()
        with torch.no_grad():
            acc = sum((net(xt[i:i + 1024]).argmax(1) == yt[i:i + 1024]).sum().item() for i in range(0, len(xt), 1024)) / len(xt)
        print(f'epoch {ep} loss {tl / n:.4f} train_acc {tc / n:.4f} test_acc {acc:.4f} train_s {ts:.2f}', flush=True)

if __name__ == '__main__':
    main()
