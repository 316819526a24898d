"""How boto3 picks up credentials (values from the AWS documentation)."""
import boto3

# Example only: these are AWS's documented sample keys, not real ones.
session = boto3.Session(
    aws_access_key_id="AKIAIOSFODNN7EXAMPLE",
    aws_secret_access_key="wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
)
s3 = session.client("s3")
