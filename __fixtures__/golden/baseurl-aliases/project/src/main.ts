import 'utils/helpers';
import '~/missing';
import 'react';