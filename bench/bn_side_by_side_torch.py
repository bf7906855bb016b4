"""PyTorch's half of bench/bn-side-by-side: d2l 8.5's BatchNorm LeNet trained step by step, with
everything Nabla needs to repeat the same steps and compare (bench/bn-side-by-side runs both).

  /usr/bin/python3 bench/bn_side_by_side_torch.py DIR [--steps 250] [--checkpoints 1,10,100,234,235,250] [--seed 0]

writes to DIR: init.safetensors (the Xavier-initialised state dict, as d2l_lenet_torch.py draws it),
order.safetensors ("perm": the concatenated torch.randperm of every epoch, int64), losses.txt (one
line per step: step, the batch's mean loss, repr precision), accuracy.txt (test images right in
eval mode at each checkpoint and K - 1), and for each checkpoint K
step-K.safetensors and step-(K-1).safetensors (the state dict after K and K-1 steps, buffers included).
Plain SGD lr 1.0, batch 256, the short last batch kept (60000 = 234·256 + 96), 1 thread.

  /usr/bin/python3 bench/bn_side_by_side_torch.py DIR --replay --epochs 10

trains instead from DIR's init.safetensors and order.safetensors as Nabla drew them for a seed
(BatchNormSideBySide --draws) and prints d2l's epoch lines, to set beside `nabla train --model lenet-bn
--seed SEED`'s: PyTorch given Nabla's random numbers.
"""
import argparse, os, sys
import torch
from torch import nn
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from d2l_lenet_torch import data, lenet_bn
from safetensors_torch import read, write


def test_acc(net, xt, yt):
    net.eval()
    with torch.no_grad():
        right = sum((net(xt[i:i + 1024]).argmax(1) == yt[i:i + 1024]).sum().item() for i in range(0, len(xt), 1024))
    net.train()
    return right


def replay(a, xs, ys, xt, yt):
    net = lenet_bn()
    net.load_state_dict({k: v.long() if k.endswith('num_batches_tracked') else v for k, v in read(f'{a.out}/init.safetensors').items()})
    perm = read(f'{a.out}/order.safetensors')['perm'].long()
    n = len(xs)
    opt = torch.optim.SGD(net.parameters(), lr=1.0); loss = nn.CrossEntropyLoss()
    net.train()
    for ep in range(a.epochs):
        p = perm[ep * n:(ep + 1) * n]; tl = tc = 0
        for i in range(0, n, 256):
            idx = p[i:i + 256]; out = net(xs[idx]); l = loss(out, ys[idx])
            opt.zero_grad(); l.backward(); opt.step()
            tl += l.item() * len(idx); tc += (out.argmax(1) == ys[idx]).sum().item()
        print(f'epoch {ep + 1} loss {tl / n:.6f} train_acc {tc / n:.6f} test_acc {test_acc(net, xt, yt) / len(xt):.6f}', flush=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('out'); ap.add_argument('--steps', type=int, default=250)
    ap.add_argument('--checkpoints', default='1,10,100,234,235,250'); ap.add_argument('--seed', type=int, default=0)
    ap.add_argument('--data', default='/usr/share/datasets/fashion-mnist')
    ap.add_argument('--replay', action='store_true'); ap.add_argument('--epochs', type=int, default=10)
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    torch.set_num_threads(1); torch.manual_seed(a.seed)
    xs, ys, xt, yt = data(a.data)
    if a.replay:
        return replay(a, xs, ys, xt, yt)
    net = lenet_bn()
    net.apply(lambda m: nn.init.xavier_uniform_(m.weight) if type(m) in (nn.Linear, nn.Conv2d) else None)
    write(f'{a.out}/init.safetensors', net.state_dict())
    n, batch = len(xs), 256
    per_epoch = (n + batch - 1) // batch
    epochs = (a.steps + per_epoch - 1) // per_epoch
    perm = torch.cat([torch.randperm(n) for _ in range(epochs)])
    write(f'{a.out}/order.safetensors', {'perm': perm})
    keep = {int(k) for k in a.checkpoints.split(',')}
    keep |= {k - 1 for k in keep}
    opt = torch.optim.SGD(net.parameters(), lr=1.0); loss = nn.CrossEntropyLoss()
    net.train()
    with open(f'{a.out}/losses.txt', 'w') as f, open(f'{a.out}/accuracy.txt', 'w') as accuracy:
        for step in range(1, a.steps + 1):
            e, i = divmod(step - 1, per_epoch)
            idx = perm[e * n + i * batch: e * n + min(n, (i + 1) * batch)]
            out = net(xs[idx]); l = loss(out, ys[idx])
            opt.zero_grad(); l.backward(); opt.step()
            f.write(f'{step} {l.item()!r}\n')
            if step in keep:
                write(f'{a.out}/step-{step}.safetensors', net.state_dict())
                accuracy.write(f'{step} {test_acc(net, xt, yt)}\n')
    print(f'torch {torch.__version__}: {a.steps} steps of lenet-bn (seed {a.seed}) written to {a.out}')


if __name__ == '__main__':
    main()
