//! Pure state logic behind the reactive stores: reconciling listings into keyed rows, roll-ups,
//! filters, and settings. The stores in `crate::stores` apply it; native tests cover it.
