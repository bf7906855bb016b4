# The PyTorch reference of the d2l dropout experiment, as the project received it (shared/reference).
# Kept here so that bench/side-by-side can be run from any clone.
"""Reference: d2l's concise dropout MLP on Fashion-MNIST, in PyTorch (CPU).

Reads the IDX files shipped by Debian's dataset-fashion-mnist package.
Prints per-epoch train loss / train acc / test acc and seconds per epoch.
Usage: python3 d2l_dropout_torch.py [--epochs N] [--threads T] [--p1 0.2 --p2 0.5] [--train-limit N]
"""
import argparse, gzip, struct, time, os
import numpy as np
import torch
from torch import nn

def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic = struct.unpack(">I", data[:4])[0]
    ndim = magic & 0xFF
    dims = struct.unpack(">" + "I" * ndim, data[4:4 + 4 * ndim])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)

ap = argparse.ArgumentParser()
ap.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
ap.add_argument("--epochs", type=int, default=10)
ap.add_argument("--threads", type=int, default=2)
ap.add_argument("--p1", type=float, default=0.2)
ap.add_argument("--p2", type=float, default=0.5)
ap.add_argument("--lr", type=float, default=0.5)
ap.add_argument("--batch", type=int, default=256)
ap.add_argument("--train-limit", type=int, default=0)
ap.add_argument("--seed", type=int, default=0)
a = ap.parse_args()
torch.set_num_threads(a.threads)
torch.manual_seed(a.seed)
d = a.data
Xtr = torch.tensor(read_idx(f"{d}/train-images-idx3-ubyte.gz"), dtype=torch.float32).reshape(-1, 784) / 255
ytr = torch.tensor(read_idx(f"{d}/train-labels-idx1-ubyte.gz").astype(np.int64))
Xte = torch.tensor(read_idx(f"{d}/t10k-images-idx3-ubyte.gz"), dtype=torch.float32).reshape(-1, 784) / 255
yte = torch.tensor(read_idx(f"{d}/t10k-labels-idx1-ubyte.gz").astype(np.int64))
if a.train_limit:
    Xtr, ytr = Xtr[:a.train_limit], ytr[:a.train_limit]

net = nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(), nn.Dropout(a.p1),
                    nn.Linear(256, 256), nn.ReLU(), nn.Dropout(a.p2), nn.Linear(256, 10))
def init(m):
    if type(m) == nn.Linear:
        nn.init.normal_(m.weight, std=0.01)
net.apply(init)
loss = nn.CrossEntropyLoss(reduction="none")
opt = torch.optim.SGD(net.parameters(), lr=a.lr)

def accuracy(X, y):
    net.eval()
    with torch.no_grad():
        correct = 0
        for i in range(0, len(X), a.batch):
            correct += (net(X[i:i + a.batch]).argmax(1) == y[i:i + a.batch]).sum().item()
    return correct / len(X)

total = 0.0
for epoch in range(a.epochs):
    t0 = time.perf_counter()
    net.train()
    perm = torch.randperm(len(Xtr))
    lsum, acc, n = 0.0, 0, 0
    for i in range(0, len(Xtr), a.batch):
        idx = perm[i:i + a.batch]
        X, y = Xtr[idx], ytr[idx]
        y_hat = net(X)
        l = loss(y_hat, y)
        opt.zero_grad()
        l.mean().backward()
        opt.step()
        lsum += l.sum().item(); acc += (y_hat.argmax(1) == y).sum().item(); n += len(y)
    train_s = time.perf_counter() - t0
    te = accuracy(Xte, yte)
    dt = time.perf_counter() - t0
    total += dt
    print(f"epoch {epoch+1} loss {lsum/n:.4f} train_acc {acc/n:.4f} test_acc {te:.4f} train_s {train_s:.2f} epoch_s {dt:.2f}", flush=True)
print(f"total_s {total:.2f}")
