"""``__in`` on an integer column with a value no database integer holds matches nothing, as Django's own ``exact``,
``gt`` and ``lt`` already do (``IntegerFieldOverflow``): SQLite cannot even bind such a value, and a form's list of
ids (``related_projects=99999999999999999999``) answered a 500 instead of "not a valid choice"."""

from django.db.models import IntegerField
from django.db.models.lookups import In

from .filtering import ID_MAX


@IntegerField.register_lookup
class IntegerFieldIn(In):
    def get_prep_lookup(self):
        values = super().get_prep_lookup()
        if not self.rhs_is_direct_value():
            return values
        # Every database's integer fits in 64 bits; a narrower column compares a wider value without error.
        return [value for value in values if not isinstance(value, int) or -ID_MAX - 1 <= value <= ID_MAX]
