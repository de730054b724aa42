"""Keep the least for the shortest time: each program's retention policy, the sweep
that closes idle conversations and erases what is due, and its reports."""
