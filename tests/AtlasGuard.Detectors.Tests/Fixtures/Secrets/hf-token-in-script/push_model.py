from transformers import AutoModel

model = AutoModel.from_pretrained('distilbert-base-uncased')
model.push_to_hub('acme/fraud-bert', token='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')
