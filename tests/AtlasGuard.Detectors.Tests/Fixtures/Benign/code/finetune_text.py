from datasets import load_dataset
from transformers import AutoModelForSequenceClassification, AutoTokenizer, Trainer, TrainingArguments

MODEL = "distilbert/distilbert-base-uncased"
REVISION = "86b5e0934494bd15c9632b12f734a8a67f723594"

tokenizer = AutoTokenizer.from_pretrained(MODEL, revision=REVISION)
model = AutoModelForSequenceClassification.from_pretrained(MODEL, revision=REVISION, num_labels=2)
dataset = load_dataset("csv", data_files={"train": "data/notes_train.csv", "test": "data/notes_test.csv"})
reviews = load_dataset("stanfordnlp/imdb", revision="86b5e0934494bd15c9632b12f734a8a67f723594")


def tokenize(batch):
    return tokenizer(batch["text"], truncation=True, padding="max_length", max_length=128)


encoded = dataset.map(tokenize, batched=True)
args = TrainingArguments(output_dir="outputs", per_device_train_batch_size=32, num_train_epochs=2, eval_strategy="epoch")
Trainer(model=model, args=args, train_dataset=encoded["train"], eval_dataset=encoded["test"]).train()
model.save_pretrained("outputs/final", safe_serialization=True)
