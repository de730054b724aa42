# The safety app owns Block and CheckinReminder now (safety 0001); their rows
# stay where they are.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("vault", "0004_blocks_leave_for_safety"),
        ("safety", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.DeleteModel(name="CheckinReminder"),
                migrations.DeleteModel(name="Block"),
            ],
        ),
    ]
