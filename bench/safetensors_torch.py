"""Nabla's LeNet checkpoints in PyTorch and back, without the safetensors package: the format is an
8-byte little-endian header length, a JSON header ({"name": {"dtype", "shape", "data_offsets"}}) and
the tensors' raw little-endian bytes.

  /usr/bin/python3 bench/safetensors_torch.py --model lenet-bn DIR/model.safetensors [--out torch.safetensors]

loads the file that `nabla train --model lenet-bn --out DIR` wrote into PyTorch's d2l model (strict:
every name and shape must match, BatchNorm buffers included), prints its test accuracy in eval mode
and the BatchNorm statistics it got, and writes PyTorch's own state dict back (num_batches_tracked as
int64, as torch keeps it), for `nabla batchnorm-demo --weights FILE` to read.
"""
import argparse, json, struct, sys, os
import numpy as np, torch
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from d2l_lenet_torch import data, lenet, lenet_bn

DTYPES = {'F32': np.float32, 'F64': np.float64, 'I64': np.int64, 'I32': np.int32}

def read(path):
    with open(path, 'rb') as f:
        n = struct.unpack('<Q', f.read(8))[0]
        header, raw = json.loads(f.read(n)), f.read()
    return {k: torch.from_numpy(np.frombuffer(raw[v['data_offsets'][0]:v['data_offsets'][1]], DTYPES[v['dtype']]).reshape(v['shape']).copy())
            for k, v in header.items() if k != '__metadata__'}

def write(path, tensors):
    header, blobs, off = {}, [], 0
    for k, t in tensors.items():
        a = t.detach().numpy()
        b = a.astype(a.dtype.newbyteorder('<')).tobytes()
        header[k] = {'dtype': {np.float32: 'F32', np.int64: 'I64'}[a.dtype.type], 'shape': list(a.shape), 'data_offsets': [off, off + len(b)]}
        blobs.append(b); off += len(b)
    h = json.dumps(header).encode(); h += b' ' * (-len(h) % 8)
    with open(path, 'wb') as f:
        f.write(struct.pack('<Q', len(h)) + h + b''.join(blobs))

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('file'); ap.add_argument('--model', default='lenet-bn'); ap.add_argument('--out')
    ap.add_argument('--data', default='/usr/share/datasets/fashion-mnist')
    a = ap.parse_args()
    net = lenet() if a.model == 'lenet' else lenet_bn()
    net.load_state_dict(read(a.file))  # strict
    net.eval()
    _, _, xt, yt = data(a.data)
    with torch.no_grad():
        acc = sum((net(xt[i:i + 1024]).argmax(1) == yt[i:i + 1024]).sum().item() for i in range(0, len(xt), 1024)) / len(xt)
    print(f'{a.file}: loaded into torch {torch.__version__} {a.model} (strict), test_acc {acc:.4f} in eval mode')
    for name, t in net.state_dict().items():
        if 'num_batches' in name or name.endswith('running_mean') and name.startswith('1.'):
            print(f'  {name} {t.dtype} {t.tolist() if t.dim() == 0 else [round(v, 4) for v in t.tolist()]}')
    if a.out:
        write(a.out, net.state_dict())
        print(f'wrote {a.out} (PyTorch state dict, num_batches_tracked as int64)')

if __name__ == '__main__':
    main()
