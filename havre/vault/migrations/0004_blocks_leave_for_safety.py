# Blocks and check-in reminders move to the safety app, rows and all: their
# tables are renamed here, then the safety app takes over the models
# (safety 0001) and the vault forgets them (vault 0005).

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("vault", "0003_block_uid_and_checkin_reminder"),
    ]

    operations = [
        migrations.AlterModelTable(name="block", table="safety_block"),
        migrations.AlterModelTable(name="checkinreminder", table="safety_checkinreminder"),
    ]
