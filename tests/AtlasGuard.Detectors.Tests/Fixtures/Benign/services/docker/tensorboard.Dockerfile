FROM tensorflow/tensorflow:2.17.0
EXPOSE 6006
CMD ["tensorboard", "--logdir", "/runs", "--host", "127.0.0.1"]
