//! Container, Row and Column: plain layout boxes.

use tenfoot_toolkit::{Direction, El};

/// A box with no layout opinion (children stack in a column, like a `div` with flex column).
pub fn container() -> El {
    El::new()
}

/// Children side by side, left to right (right to left with `.rtl(true)`).
pub fn row() -> El {
    El::new().direction(Direction::Row)
}

/// Children top to bottom.
pub fn column() -> El {
    El::new().direction(Direction::Column)
}

#[cfg(test)]
mod tests {
    use super::*;
    use tenfoot_toolkit::App;

    #[test]
    fn row_places_children_left_to_right_with_gap() {
        let mut app = App::headless();
        app.set_root(
            row()
                .gap(20.0)
                .padding(10.0)
                .child(container().name("a").size(100.0, 50.0))
                .child(container().name("b").size(60.0, 80.0)),
        );
        app.layout();
        let a = app.find("a").and_then(|e| app.rect(e));
        let b = app.find("b").and_then(|e| app.rect(e));
        assert_eq!(a.map(|r| (r.x, r.y, r.width, r.height)), Some((10.0, 10.0, 100.0, 50.0)));
        assert_eq!(b.map(|r| (r.x, r.y)), Some((130.0, 10.0)));
    }

    #[test]
    fn rtl_row_starts_at_the_right() {
        let mut app = App::headless();
        app.set_root(row().rtl(true).width(1000.0).child(container().name("a").size(100.0, 50.0)));
        app.layout();
        assert_eq!(app.find("a").and_then(|e| app.rect(e)).map(|r| r.x), Some(900.0));
    }
}
