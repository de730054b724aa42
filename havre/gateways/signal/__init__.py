"""Signal, through a signal-cli daemon on this computer: JSON-RPC to send, its event stream to receive."""
