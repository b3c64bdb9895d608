"""The replica portal: a local stand-in for the ministry portal, with ground truth."""
