package tui

func (l *connList) MoveBy(n int)  { l.move(n) }
func (l *connList) MoveToTop()    { l.move(-l.rows()) }
func (l *connList) MoveToBottom() { l.move(l.rows()) }
func (l *connList) PageSize() int { return l.height - 1 }
func (l *webList) MoveBy(n int)   { l.move(n) }
func (l *webList) MoveToTop()     { l.move(-l.count()) }
func (l *webList) MoveToBottom()  { l.gotoNewest() }
func (l *webList) PageSize() int  { return l.height - 1 }
func (d *webDoc) MoveBy(n int)    { d.scroll(n) }
func (d *webDoc) MoveToTop()      { d.gotoTop() }
func (d *webDoc) MoveToBottom()   { d.gotoBottom() }
func (d *webDoc) PageSize() int   { return d.height - 1 }

func (p *recvPane) MoveBy(n int) {
	if n < 0 {
		p.scrollUp(-n)
	} else {
		p.scrollDown(n)
	}
}
func (p *recvPane) MoveToTop()    { p.gotoTop() }
func (p *recvPane) MoveToBottom() { p.gotoBottom() }
func (p *recvPane) PageSize() int { return p.height - 1 }
