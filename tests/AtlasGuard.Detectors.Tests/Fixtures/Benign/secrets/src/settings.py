from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8")

    hf_token: str = ""
    openai_api_key: str = ""
    wandb_api_key: str | None = None
    mlflow_tracking_password: str | None = None
    azure_storage_connection_string: str | None = None


settings = Settings()
