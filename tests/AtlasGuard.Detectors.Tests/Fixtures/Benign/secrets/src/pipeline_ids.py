"""Identifiers that share shapes with credentials but are not secret."""
GIT_COMMITS = [
    "b6589fc6ab0dc82cf12099d1c2d40ab994e8410c",
    "356a192b7913b04c54574d18c28d46e6395428ab",
    "da4b9237bacccdf19c0760cab7aec4a8359010b0",
    "77de68daecd823babbb58edb1c8e14d7106e83bb",
    "1b6453892473a467d07372d45eb05abc2031647a",
    "ac3478d69a3c81fa62e60f5c3696165a4e5e6ac4",
    "c1dfd96eea8cc2b62785275bca38ac261256e278",
    "902ba3cda1883801594b6e1b452790cc53948fda",
    "fe5dbbcea5ce7e2988b8c69bcfdfde8904aabc1f",
    "0ade7c2cf97f75d009975f4d720d1fa6c19f4897",
]
RUN_IDS = [
    "825dd0ea-60c9-6560-d183-6f31fca0cd72",
    "6bc54cdb-f605-4d3e-f4aa-1f32a5f5cec4",
    "0a5fdcff-42bb-ba8c-2e16-9e20dc740ec7",
    "71f0be7a-830f-3db8-b34f-9f51c99689e6",
    "e07fb751-1a44-7ac6-ceda-d670c72cee50",
    "a35f345c-f7ea-0599-00e0-d047015162f1",
    "68bfe4fe-696f-0161-d00f-207bfaffc92e",
    "ac1ce3b2-0f1a-4334-9979-29e38a9f70e6",
    "cde081fa-f8d4-b975-fcff-9ed9459e141c",
    "22b51524-7c61-6af7-19ac-a52dc27b7491",
]
WANDB_RUN_PATH = "acme-ml/fraud/a53108f7"
DATABRICKS_CLUSTER_ID = "0302-104107-161747ec"
TASK_NAMES = ["task-specific-head", "mask-generation", "disk-cache-warmup", "hf_hub_download_and_verify"]
