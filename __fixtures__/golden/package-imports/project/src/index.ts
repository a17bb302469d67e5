import '#internal/db';
import '#lib/log';
import '#nope';