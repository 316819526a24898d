# Regenerates the benign real-world fixtures (never loads anything). Run with /usr/bin/python3 (numpy, torch,
# joblib, scikit-learn installed). Malicious streams are assembled byte by byte in the tests instead.
import collections, datetime, pickle
import joblib, numpy as np, sklearn.linear_model as lm, torch

values = {'a': [1, 2.5, 'x', b'y', None, True, (1, 2)], 'big': 2**100, 'neg': -5, 's': {1, 2},
          'fs': frozenset([3]), 'od': collections.OrderedDict(a=1), 'dt': datetime.datetime(2020, 1, 1), 'u': 'é\u1234'}
for protocol in (0, 2, 4, 5):
    open(f'p{protocol}.pkl', 'wb').write(pickle.dumps(values, protocol=protocol))
torch.save({'w': torch.ones(3), 'b': torch.zeros(2, 2)}, 'torch_legacy.pt', _use_new_zipfile_serialization=False)
model = lm.LogisticRegression().fit(np.random.rand(20, 3), np.array([0, 1] * 10))
joblib.dump({'model': model, 'arr': np.arange(10.0), 'obj': np.array([1, 'x', None], dtype=object)},
            'sklearn_and_arrays.joblib')
with open('multi.pkl', 'wb') as f:
    pickle.dump([1, 2], f)
    pickle.dump({'a': 1}, f, protocol=0)
    pickle.dump('x', f, protocol=5)
    f.write(b'trailing junk\x00')
